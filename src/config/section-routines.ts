import { z } from 'zod';
import { parseDays, parseTimeOfDay } from '../calendar/index.ts';
import type { RoutineDef } from './config-types.ts';
import { cron, every } from './maintenance-fields.ts';
import { duration, text, timezone } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/** A routine as written: zone, title and severity defaults are filled in by resolveRoutines. */
export interface RoutineSpec {
  title: string | undefined;
  timezone: string | undefined;
  schedule: RoutineDef['schedule'];
  work: RoutineDef['work'];
  deadlineMs: number;
  assign: RoutineDef['assign'];
  severity: string | undefined;
}

const DAY_MS = 86_400_000;
const ASSIGN_EXAMPLE = 'schedule:<schedule id> (whoever is on call then) or user:<user id>';

/** `at: "09:00"`: the local time of a daily routine. */
const at = z
  .string({ error: (iss) => `expected a time like "09:00", found ${describeValue(iss.input)}` })
  .transform((written, ctx) => {
    const parsed = parseTimeOfDay(written);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

/** `days: weekdays`, "Mon-Fri" or [Mon, Wed]. */
const days = z
  .union([z.string(), z.array(z.string())], {
    error: (iss) => `expected days like "weekdays", "Mon-Fri" or [Mon, Wed], found ${describeValue(iss.input)}`,
  })
  .transform((written, ctx) => {
    const parsed = parseDays(written);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

/** `assign: schedule:primary` or `user:ana`; whether they exist is checked with the other references. */
export const assign = z
  .string({ error: (iss) => `expected ${ASSIGN_EXAMPLE}, found ${describeValue(iss.input)}` })
  .transform((written, ctx): NonNullable<RoutineDef['assign']> => {
    const match = /^(schedule|user):(\S+)$/.exec(written.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `expected ${ASSIGN_EXAMPLE}, found "${written}"` });
      return z.NEVER;
    }
    return { kind: match[1] as 'schedule' | 'user', id: match[2]! };
  });

/** Values reach the runbook as environment variables, so YAML numbers and booleans are taken as their text. */
const params = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()], { error: (iss) => `expected a parameter value (text, a number or true/false), found ${describeValue(iss.input)}` }),
  { error: (iss) => `expected parameters like { ENV: production }, found ${describeValue(iss.input)}` },
);

const checklist = z
  .array(text.trim().min(1, { error: 'expected an item a person ticks, found an empty string' }), {
    error: (iss) => `expected a list of items like ["Review error logs", "Verify backups completed"], found ${describeValue(iss.input)}`,
  })
  .min(1, { error: 'expected at least one item, found an empty list' });

const SCHEDULES = ['at', 'every', 'cron'] as const;

/**
 * One routine. Exactly one thing to do (a runbook or a checklist) and exactly one way to say
 * when: two would leave the reader to guess which wins. Keys that only make sense for the other
 * kind are refused rather than ignored.
 */
const routine = z
  .strictObject({
    title: text.min(1, { error: 'expected a title, found an empty string' }).optional(),
    /** A runbook path relative to the config directory: an automatic routine. */
    runbook: text.min(1, { error: 'expected a runbook path like runbooks/daily-health-check.md, found an empty string' }).optional(),
    /** Items a person ticks: a manual routine. */
    checklist: checklist.optional(),
    at: at.optional(),
    days: days.optional(),
    every: every.optional(),
    cron: cron.optional(),
    timezone: timezone.optional(),
    deadline: duration(60_000).optional(),
    assign: assign.optional(),
    severity: text.min(1, { error: 'expected a severity id like P3, found an empty string' }).optional(),
    params: params.optional(),
  })
  .transform((r, ctx): RoutineSpec => {
    const issue = (message: string, key?: string) =>
      ctx.addIssue({ code: 'custom', message, ...(key === undefined ? {} : { path: [key], params: { target: 'key' } }) });
    if (r.runbook === undefined && r.checklist === undefined) {
      issue('expected runbook: runbooks/<file>.md (runs by itself) or checklist: [...] (a person ticks it), found neither; a routine needs something to do');
    }
    if (r.runbook !== undefined && r.checklist !== undefined) {
      issue('"checklist" and "runbook" both set; a routine either runs a runbook or is a checklist a person ticks, keep one', 'checklist');
    }
    const schedules = SCHEDULES.filter((key) => r[key] !== undefined);
    if (schedules.length === 0) issue('expected at: "09:00" (with days:), every: "Mon 10:00" or "first Mon 10:00", or cron: "0 9 * * 1-5", found none; a routine needs a schedule');
    for (const key of schedules.slice(1)) issue(`"${key}" and "${schedules[0]}" both set when the routine is due; keep one`, key);
    if (r.days !== undefined && r.at === undefined) issue('"days" goes with at: "09:00"; every: and cron: say their own days', 'days');
    if (r.runbook !== undefined && r.deadline !== undefined) issue('"deadline" is for checklists; a runbook routine ends with its run (the runbook\'s timeout)', 'deadline');
    if (r.checklist !== undefined && r.params !== undefined) issue('"params" go to a runbook; a checklist has none', 'params');

    const schedule: RoutineDef['schedule'] | undefined =
      r.at !== undefined ? { kind: 'daily', minute: r.at, weekdays: r.days ?? [1, 2, 3, 4, 5, 6, 7] } : (r.every ?? r.cron);
    const work: RoutineDef['work'] | undefined =
      r.runbook !== undefined
        ? { kind: 'runbook', runbook: r.runbook, params: Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k, String(v)])) }
        : r.checklist !== undefined ? { kind: 'checklist', items: r.checklist } : undefined;
    if (!schedule || !work) return z.NEVER;
    return {
      title: r.title,
      timezone: r.timezone,
      schedule,
      work,
      deadlineMs: work.kind === 'checklist' ? (r.deadline ?? DAY_MS) : 0,
      assign: r.assign ?? null,
      severity: r.severity,
    };
  });

/** Routines; included files may add them (a team's own file of chores). */
export const routinesSection = mapSection('routine', routine);

/** Defaults filled once the rest of the config is known; references were checked by checkRoutineReferences. */
export function resolveRoutines(written: Record<string, RoutineSpec> | undefined, zone: string, severityIds: readonly string[]): RoutineDef[] {
  return Object.entries(written ?? {}).map(([id, r]) => ({
    id,
    title: r.title ?? id,
    timezone: r.timezone ?? zone,
    schedule: r.schedule,
    work: r.work,
    deadlineMs: r.deadlineMs,
    assign: r.assign,
    // The last one written is by convention the mildest: a missed chore should not wake anyone by default.
    severity: r.severity ?? severityIds.at(-1)!,
  }));
}
