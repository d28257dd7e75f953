import { addLocalDays, localParts, resolveLocal, type LocalDate } from '../calendar/index.ts';
import type { Interval } from './interval-set.ts';

export interface LocalDay extends Interval {
  /** The local calendar date, "2026-03-29". */
  date: string;
}

const isoDate = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * The local calendar days of `zone` that overlap [from, to), each clipped to it. A day runs from
 * one local midnight to the next as the calendar resolves them, so a day with a DST change has 23
 * or 25 hours (and a midnight the clocks skip starts at the transition).
 */
export function localDays(zone: string, from: number, to: number): LocalDay[] {
  const out: LocalDay[] = [];
  const first = localParts(zone, from);
  let date: LocalDate = { year: first.year, month: first.month, day: first.day };
  let start = resolveLocal(zone, { ...date, hour: 0, minute: 0 });
  while (start < to) {
    const nextDate = addLocalDays(date, 1);
    const end = resolveLocal(zone, { ...nextDate, hour: 0, minute: 0 });
    if (end > from) out.push({ date: isoDate(date), start: Math.max(start, from), end: Math.min(end, to) });
    date = nextDate;
    start = end;
  }
  return out;
}
