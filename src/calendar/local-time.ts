import { offsetMinutes } from './zone-offset.ts';

/** A calendar date as people read it on a wall calendar; month 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

/** Local parts of an instant; weekday is ISO (1 = Monday ... 7 = Sunday). */
export interface LocalParts extends LocalDateTime {
  weekday: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Days since 1970-01-01 of a local date: lets weeks and rotations be counted with integers. */
export function dayNumber(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY);
}

export function dateOfDayNumber(n: number): LocalDate {
  const d = new Date(n * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 1970-01-01 was a Thursday (ISO 4). */
export function isoWeekdayOfDayNumber(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function isoWeekday(date: LocalDate): number {
  return isoWeekdayOfDayNumber(dayNumber(date));
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return dateOfDayNumber(dayNumber(date) + days);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function localParts(zone: string, at: number): LocalParts {
  const d = new Date(at + offsetMinutes(zone, at) * MINUTE);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    year, month, day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: isoWeekdayOfDayNumber(Math.floor(Date.UTC(year, month - 1, day) / DAY)),
  };
}

/**
 * The instant a local time happens, by the rules in DESIGN.md "Time": a local time the clocks
 * jump over happens at the transition itself, and one that happens twice happens at its first
 * occurrence. Both are min{ t : local(t) >= wall }, which also makes resolution monotone in
 * local time, so recurrences can dedupe by skipping instants they have already produced.
 * luxon's own gap handling moves the time forward by the gap's length (02:30 -> 03:30 local),
 * which is not our rule, so only its offsets are used.
 */
export function resolveLocal(zone: string, wall: LocalDateTime): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Any offset in force at this wall time is one of those in force within a day of it.
  const early = offsetMinutes(zone, naive - DAY);
  const late = offsetMinutes(zone, naive + DAY);
  if (early === late && offsetMinutes(zone, naive) === early) {
    // No transition nearby (the usual case): the wall time happens exactly once.
    const t = naive - early * MINUTE;
    if (offsetMinutes(zone, t) === early) return t;
  }
  const candidates = new Set([early, offsetMinutes(zone, naive), late]);
  let best = Infinity;
  for (const offset of candidates) {
    const t = naive - offset * MINUTE;
    if (offsetMinutes(zone, t) === offset && t < best) best = t;
  }
  if (best !== Infinity) return best;
  return transitionInGap(zone, naive, [...candidates]);
}

/**
 * The wall time falls in a gap: with the larger (later) offset it maps to an instant still
 * before the transition, with the smaller one to an instant after it. The transition lies
 * between; find it to the minute.
 */
function transitionInGap(zone: string, naive: number, offsets: number[]): number {
  let lo = Math.floor((naive - Math.max(...offsets) * MINUTE) / MINUTE);
  let hi = Math.ceil((naive - Math.min(...offsets) * MINUTE) / MINUTE);
  const before = offsetMinutes(zone, lo * MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(zone, mid * MINUTE) === before) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}
