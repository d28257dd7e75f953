import type { RoutineDef } from '../config/index.ts';
import { onCallAt, type OnCallDirectory } from '../oncall/index.ts';

/**
 * Who the occurrence at `at` is for: a named person, or whoever is on call for the schedule at
 * that instant, run-time overrides included (the same answer `opsdeck oncall --at` gives).
 */
export async function assigneeAt(routine: RoutineDef, at: number, directory: Pick<OnCallDirectory, 'schedule' | 'extraOverrides'>): Promise<string | null> {
  const assign = routine.assign;
  if (!assign) return null;
  if (assign.kind === 'user') return assign.id;
  const schedule = directory.schedule(assign.id);
  if (!schedule) return null;
  return onCallAt(schedule, at, await directory.extraOverrides(schedule, at, at + 1))?.user ?? null;
}
