import { nextOccurrence } from './recurrence.ts';

/**
 * How a window (maintenance, a restriction, a silence) ends: "lasts 4h" is elapsed time, so a
 * 02:00-06:00 window on a DST night may run 3 or 5 wall-clock hours; "until 06:00" is the first
 * time the wall clock shows 06:00 after the start, resolved by the calendar's rules.
 */
export type WindowLength = { lastsMs: number } | { untilMinute: number };

export function windowEnd(start: number, zone: string, length: WindowLength): number {
  if ('lastsMs' in length) return start + length.lastsMs;
  const end = nextOccurrence({ kind: 'daily', zone, minute: length.untilMinute }, start);
  // A daily local time occurs every day, so there is always a next one.
  return end!;
}
