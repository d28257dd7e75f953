import type { RestrictionDef } from '../config/config-types.ts';
import { dateOfDayNumber, dayNumber, isoWeekdayOfDayNumber, localParts, resolveLocal } from '../calendar/index.ts';

export interface Window {
  from: number;
  to: number;
}

/** A window is at most a day and an hour long, and the weekly pattern repeats within 8 days. */
const REACH_DAYS = 8;

/**
 * The restriction windows that start on local days firstDay..lastDay, by start. A window's
 * start and end are local times resolved by the calendar's rules; toMinute <= fromMinute ends
 * the next day. A window squeezed to nothing by a DST gap is dropped.
 */
export function windowsStarting(restrictions: readonly RestrictionDef[], zone: string, firstDay: number, lastDay: number): Window[] {
  const windows: Window[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = isoWeekdayOfDayNumber(day);
    for (const r of restrictions) {
      if (!r.days.includes(weekday)) continue;
      const from = resolveAt(zone, day, r.fromMinute);
      const to = resolveAt(zone, r.toMinute > r.fromMinute ? day : day + 1, r.toMinute);
      if (to > from) windows.push({ from, to });
    }
  }
  return windows.sort((a, b) => a.from - b.from);
}

function resolveAt(zone: string, day: number, minute: number): number {
  return resolveLocal(zone, { ...dateOfDayNumber(day), hour: Math.floor(minute / 60), minute: minute % 60 });
}

/**
 * Whether t is inside some window, and an interval around t in which that stays true (not
 * necessarily the largest: callers merge neighbours). -Infinity/Infinity when no window
 * boundary exists on that side (restrictions that name no days).
 */
export function windowStateAt(restrictions: readonly RestrictionDef[], zone: string, t: number): { covered: boolean; from: number; to: number } {
  const today = dayNumber(localParts(zone, t));
  const windows = windowsStarting(restrictions, zone, today - REACH_DAYS, today + REACH_DAYS);
  let from = -Infinity;
  let to = Infinity;
  let covered = false;
  for (const w of windows) {
    if (w.from <= t && t < w.to) covered = true;
    for (const edge of [w.from, w.to]) {
      if (edge <= t) from = Math.max(from, edge);
      else to = Math.min(to, edge);
    }
  }
  return { covered, from, to };
}

/** The union of windows that meet [from, to), as disjoint intervals by start. */
export function coveredIntervals(restrictions: readonly RestrictionDef[], zone: string, from: number, to: number): Window[] {
  const first = dayNumber(localParts(zone, from)) - 2;
  const last = dayNumber(localParts(zone, to)) + 1;
  const merged: Window[] = [];
  for (const w of windowsStarting(restrictions, zone, first, last)) {
    if (w.to <= from || w.from >= to) continue;
    const previous = merged[merged.length - 1];
    if (previous && w.from <= previous.to) previous.to = Math.max(previous.to, w.to);
    else merged.push({ ...w });
  }
  return merged;
}
