import { nextOccurrence, occurrencesBetween } from '../calendar/index.ts';
import type { RoutineDef } from '../config/index.ts';
import { recurrenceOf } from './routine-recurrence.ts';

/** What is due now: the occurrence to handle, and how many earlier ones were passed over. */
export interface DueOccurrence {
  at: number;
  /** Occurrences after lastHandled and before `at`: Opsdeck was down (or the routine was new) when they were due. */
  missed: number;
}

/**
 * Downtime longer than this counts its missed occurrences only within it: a cron every minute
 * over a year of downtime would otherwise be half a million instants to count.
 */
const CATCH_UP_MS = 400 * 86_400_000;

/**
 * The occurrence to handle at `now`, given the last one handled: the latest in (lastHandled, now],
 * or null. Catching up after downtime runs a routine once, for its latest occurrence, not once
 * per missed one: ten morning checklists at once help nobody, and a runbook run ten times in a
 * row could do harm. The skipped ones are counted so that it can be said.
 */
export function dueOccurrences(routine: RoutineDef, lastHandled: number, now: number): DueOccurrence | null {
  const from = Math.max(lastHandled + 1, now - CATCH_UP_MS);
  const due = occurrencesBetween(recurrenceOf(routine), from, now + 1);
  if (due.length === 0) return null;
  return { at: due.at(-1)!, missed: due.length - 1 };
}

/** The first occurrence after `after`, or null when the calendar has none (within about 12 years). */
export function nextDue(routine: RoutineDef, after: number): number | null {
  return nextOccurrence(recurrenceOf(routine), after);
}
