import { occurrencesBetween, windowEnd, type Recurrence } from '../calendar/index.ts';
import type { MaintenanceDef } from '../config/index.ts';
import type { Occurrence } from './occurrence-types.ts';

const HOUR = 3_600_000;
/**
 * "until 06:00" ends at the next 06:00 on the wall clock: under a day later, plus at most the
 * largest DST shift (an hour almost everywhere; two hours in a few historical zones).
 */
const UNTIL_SPAN_MS = 26 * HOUR;

/** How long after its start an occurrence of `def` can still be running (before changes). */
export function longestSpan(def: MaintenanceDef): number {
  return 'lastsMs' in def.duration ? def.duration.lastsMs : UNTIL_SPAN_MS;
}

function recurrence(def: MaintenanceDef): Recurrence | null {
  const zone = def.timezone;
  const s = def.schedule;
  switch (s.kind) {
    case 'once':
      return null;
    case 'weekly':
      return { kind: 'weekly', zone, weekday: s.weekday, minute: s.minute };
    case 'monthly-weekday':
      return { kind: 'monthly-weekday', zone, nth: s.nth, weekday: s.weekday, minute: s.minute };
    case 'cron':
      return { kind: 'cron', zone, cron: s.cron };
  }
}

/** The occurrence of `def` that starts at `start`, as scheduled (no changes applied). */
export function occurrenceAt(def: MaintenanceDef, start: number): Occurrence {
  const end = windowEnd(start, def.timezone, def.duration);
  return {
    window: def.id, source: 'config', title: def.title, timezone: def.timezone,
    services: def.services, components: def.components, message: def.message,
    start, scheduledEnd: end, end, noticeAt: start - def.noticeMs, changed: null,
  };
}

/** Whether `start` is one of the starts the schedule of `def` produces. */
export function isScheduledStart(def: MaintenanceDef, start: number): boolean {
  const rec = recurrence(def);
  if (rec === null) return def.schedule.kind === 'once' && def.schedule.start === start;
  return occurrencesBetween(rec, start, start + 1).length === 1;
}

/**
 * The scheduled occurrences of `def` that overlap [from, to): each start by the calendar's DST
 * rules in the window's zone, each end by windowEnd (elapsed for "lasts", wall clock for "until").
 */
export function scheduledOccurrences(def: MaintenanceDef, from: number, to: number): Occurrence[] {
  const rec = recurrence(def);
  const starts = rec === null
    ? (def.schedule.kind === 'once' ? [def.schedule.start] : [])
    : occurrencesBetween(rec, from - longestSpan(def), to);
  return starts.map((start) => occurrenceAt(def, start)).filter((o) => o.start < to && o.end > from);
}
