import type { LayerDef } from '../config/config-types.ts';
import {
  dateOfDayNumber, dayNumber, isoWeekdayOfDayNumber, localParts, parseLocalDateTime, resolveLocal,
} from '../calendar/index.ts';

const HOUR = 3_600_000;

/**
 * A layer's handoffs as a numbered sequence: handoff(k) is the instant of the k-th handoff slot,
 * and latest(t) is the largest k with handoff(k) <= t, found arithmetically from the local
 * calendar (days or weeks between) or elapsed hours, then corrected at the boundary. So a
 * question ten years after the start costs the same as one on day one.
 *
 * Slot 0 is the last handoff slot at or before the start (in local time); the start sits inside
 * period 0, so members[0] serves from the start to the first handoff after it. For `count` > 1
 * the slots are every count days/weeks from slot 0 (a two-week rotation starting on a Tuesday
 * with a Friday handoff hands off on the Friday 10 days later, then every 14 days).
 */
export interface HandoffLattice {
  startMs: number;
  handoff(k: number): number;
  latest(t: number): number;
  /** Which member index serves at t >= startMs, and the bounds of that rotation shift. */
  rotationAt(t: number): { index: number; from: number; to: number };
}

export function handoffLattice(layer: LayerDef, zone: string): HandoffLattice {
  const start = parseLocalDateTime(layer.start);
  if (!start.ok) throw new Error(`layer "${layer.name}": start: ${start.message}`);
  const startMs = resolveLocal(zone, start.value);
  const startDay = dayNumber(start.value);
  const startMinute = start.value.hour * 60 + start.value.minute;
  const { minute } = layer.handoff;
  let day0 = startMinute >= minute ? startDay : startDay - 1;
  if (layer.rotation.unit === 'week') {
    const weekday = layer.handoff.weekday ?? isoWeekdayOfDayNumber(startDay);
    day0 -= (isoWeekdayOfDayNumber(day0) - weekday + 7) % 7;
  }
  const slotAt = (day: number) => resolveLocal(zone, { ...dateOfDayNumber(day), hour: Math.floor(minute / 60), minute: minute % 60 });
  const count = Math.max(1, layer.rotation.count);

  let handoff: (k: number) => number;
  let estimate: (t: number) => number;
  if (layer.rotation.unit === 'hour') {
    const base = slotAt(day0);
    const period = count * HOUR;
    handoff = (k) => base + k * period;
    estimate = (t) => Math.floor((t - base) / period);
  } else {
    const periodDays = count * (layer.rotation.unit === 'week' ? 7 : 1);
    handoff = (k) => slotAt(day0 + k * periodDays);
    estimate = (t) => Math.floor((dayNumber(localParts(zone, t)) - day0) / periodDays);
  }
  const latest = (t: number) => {
    let k = estimate(t);
    while (handoff(k) > t) k--;
    while (handoff(k + 1) <= t) k++;
    return k;
  };
  // Normally 0; 1 when the first slot resolves onto the start itself (a start inside a DST gap).
  const k0 = latest(startMs);
  return {
    startMs, handoff, latest,
    rotationAt(t) {
      const k = latest(t);
      return { index: k - k0, from: Math.max(startMs, handoff(k)), to: handoff(k + 1) };
    },
  };
}
