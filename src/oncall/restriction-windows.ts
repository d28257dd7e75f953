import type { RestrictionDef } from '../config/config-types.ts';
import { dateOfDayNumber, dayNumber, isoWeekdayOfDayNumber, localParts, resolveLocal } from '../calendar/index.ts';

export interface Window {
  from: number;
  to: number;
}

/**
 * The restriction windows that start on local days firstDay..lastDay, by start. A window's
 * start and end are local times resolved by the calendar's rules; toMinute <= fromMinute ends
 * the next day. A window squeezed to nothing by a DST gap is dropped.
 */
export function windowsStarting(restrictions: readonly RestrictionDef[], zone: string, firstDay: number, lastDay: number): Window[] {
  const windows: Window[] = [];
  for (let day = firstDay; day <= lastDay; day++) windows.push(...windowsOn(restrictions, zone, day));
  return windows.sort((a, b) => a.from - b.from);
}

/**
 * A schedule's restrictions live as long as its config, and onCallAt asks about the same few
 * days over and over (each step of finding a shift's bounds), so windows are kept per day.
 */
const dayCache = new WeakMap<readonly RestrictionDef[], Map<string, readonly Window[]>>();
const DAY_CACHE_LIMIT = 10_000;

function windowsOn(restrictions: readonly RestrictionDef[], zone: string, day: number): readonly Window[] {
  let days = dayCache.get(restrictions);
  if (!days) dayCache.set(restrictions, (days = new Map()));
  const key = `${zone}|${day}`;
  let windows = days.get(key);
  if (!windows) {
    const weekday = isoWeekdayOfDayNumber(day);
    const found: Window[] = [];
    for (const r of restrictions) {
      if (!r.days.includes(weekday)) continue;
      const from = resolveAt(zone, day, r.fromMinute);
      const to = resolveAt(zone, r.toMinute > r.fromMinute ? day : day + 1, r.toMinute);
      if (to > from) found.push({ from, to });
    }
    if (days.size >= DAY_CACHE_LIMIT) days.clear();
    days.set(key, (windows = found));
  }
  return windows;
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
  // Windows starting before day `first` end before the midnight that begins day first + 1, and
  // those starting after `last` begin at or after the midnight that ends it. Bounds found beyond
  // those midnights could hide a missed edge, so the search widens a week at a time until none can.
  let first = today - 2;
  let last = today + 1;
  for (let widened = 0; ; widened++) {
    const state = stateAmong(windowsStarting(restrictions, zone, first, last), t);
    const earlyEnough = state.from >= midnight(zone, first + 1);
    const lateEnough = state.to <= midnight(zone, last + 1);
    if ((earlyEnough && lateEnough) || widened === 2) return state;
    if (!earlyEnough) first -= 7;
    if (!lateEnough) last += 7;
  }
}

function midnight(zone: string, day: number): number {
  return resolveAt(zone, day, 0);
}

function stateAmong(windows: readonly Window[], t: number): { covered: boolean; from: number; to: number } {
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
