import type { CronSchedule } from './cron-parse.ts';
import { cronMatchesDay } from './cron-parse.ts';
import {
  dateOfDayNumber, dayNumber, daysInMonth, isoWeekdayOfDayNumber, localParts, resolveLocal,
} from './local-time.ts';

/**
 * Everything recurring in Opsdeck: routines, maintenance, handoffs, heartbeat cron.
 * Minutes are minutes after local midnight, weekdays ISO (1 = Monday ... 7 = Sunday).
 * Every calendar kind is a set of local times per local day, resolved by resolveLocal's rules.
 */
export type Recurrence =
  /** Every day at a local time; `weekdays` limits it (weekdays = [1..5]). */
  | { kind: 'daily'; zone: string; minute: number; weekdays?: readonly number[] }
  | { kind: 'weekly'; zone: string; weekday: number; minute: number }
  /** "first Monday 10:00": nth 1..5 (a month without a 5th one is skipped) or 'last'. */
  | { kind: 'monthly-weekday'; zone: string; nth: 1 | 2 | 3 | 4 | 5 | 'last'; weekday: number; minute: number }
  /** Day 1..31 (months without that day are skipped, as cron does) or 'last'. */
  | { kind: 'monthly-day'; zone: string; day: number | 'last'; minute: number }
  | { kind: 'cron'; zone: string; cron: CronSchedule }
  /** Elapsed time: anchor, anchor + everyMs, ... (nothing before the anchor). */
  | { kind: 'interval'; anchor: number; everyMs: number };

/** A cron like "0 0 29 2 *" fires years apart; beyond this horizon there is no next occurrence. */
const SEARCH_DAYS = 12 * 366;

const NONE: readonly number[] = [];

/** The local minutes of one local day on which `rec` occurs, ascending. */
function minutesOn(rec: Exclude<Recurrence, { kind: 'interval' }>, day: number): readonly number[] {
  switch (rec.kind) {
    case 'daily':
      return !rec.weekdays || rec.weekdays.includes(isoWeekdayOfDayNumber(day)) ? [rec.minute] : NONE;
    case 'weekly':
      return isoWeekdayOfDayNumber(day) === rec.weekday ? [rec.minute] : NONE;
    case 'monthly-weekday': {
      if (isoWeekdayOfDayNumber(day) !== rec.weekday) return NONE;
      const { year, month, day: dom } = dateOfDayNumber(day);
      const hit = rec.nth === 'last' ? dom + 7 > daysInMonth(year, month) : Math.ceil(dom / 7) === rec.nth;
      return hit ? [rec.minute] : NONE;
    }
    case 'monthly-day': {
      const { year, month, day: dom } = dateOfDayNumber(day);
      const want = rec.day === 'last' ? daysInMonth(year, month) : rec.day;
      return dom === want ? [rec.minute] : NONE;
    }
    case 'cron': {
      const date = dateOfDayNumber(day);
      return cronMatchesDay(rec.cron, date.month, date.day, isoWeekdayOfDayNumber(day)) ? rec.cron.minutesOfDay : NONE;
    }
  }
}

/**
 * Resolved instants from local day `firstDay` on, strictly increasing: several local times
 * that resolve to one instant (a cron firing every 15 minutes inside a gap) happen once.
 */
function* calendarInstants(rec: Exclude<Recurrence, { kind: 'interval' }>, firstDay: number, lastDay: number) {
  let previous = -Infinity;
  for (let day = firstDay; day <= lastDay; day++) {
    const minutes = minutesOn(rec, day);
    if (minutes.length === 0) continue;
    const date = dateOfDayNumber(day);
    for (const minute of minutes) {
      const at = resolveLocal(rec.zone, { ...date, hour: Math.floor(minute / 60), minute: minute % 60 });
      if (at > previous) yield at;
      previous = Math.max(previous, at);
    }
  }
}

/** A local time resolves on or after its own day, so starting a day early misses nothing. */
function localDay(zone: string, at: number): number {
  return dayNumber(localParts(zone, at));
}

/** The first occurrence strictly after `afterExclusive`, or null if there is none within about 12 years. */
export function nextOccurrence(rec: Recurrence, afterExclusive: number): number | null {
  if (rec.kind === 'interval') {
    if (afterExclusive < rec.anchor) return rec.anchor;
    return rec.anchor + (Math.floor((afterExclusive - rec.anchor) / rec.everyMs) + 1) * rec.everyMs;
  }
  const first = localDay(rec.zone, afterExclusive) - 1;
  for (const at of calendarInstants(rec, first, first + SEARCH_DAYS)) {
    if (at > afterExclusive) return at;
  }
  return null;
}

/** Occurrences in [from, to), ascending. */
export function occurrencesBetween(rec: Recurrence, from: number, to: number): number[] {
  const out: number[] = [];
  if (to <= from) return out;
  if (rec.kind === 'interval') {
    const k = from <= rec.anchor ? 0 : Math.ceil((from - rec.anchor) / rec.everyMs);
    for (let at = rec.anchor + k * rec.everyMs; at < to; at += rec.everyMs) out.push(at);
    return out;
  }
  const lastDay = localDay(rec.zone, to) + 1;
  for (const at of calendarInstants(rec, localDay(rec.zone, from) - 1, lastDay)) {
    if (at >= to) break;
    if (at >= from) out.push(at);
  }
  return out;
}
