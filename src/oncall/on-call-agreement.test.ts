import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScheduleDef } from '../config/config-types.ts';
import { finalShifts, onCallAt } from './index.ts';
import type { Shift } from './index.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const STEP = 15 * 60_000;

const vectors = JSON.parse(readFileSync(new URL('../../test/fixtures/time/vectors.json', import.meta.url), 'utf8')) as {
  zones: { zone: string; transitions: { at: string }[] }[];
};

/**
 * Every feature at once, with handoffs and windows on the DST nights themselves: a weekly base,
 * a business-hours layer, 8-hour elapsed shifts on weekend nights ending at 02:30 (in the gap or
 * the repeated hour), a Sunday 02:00-03:00 window, a sparse overnight layer, and overrides that straddle the transition.
 */
function busySchedule(zone: string, transition: number): ScheduleDef {
  return {
    id: 'busy', name: 'Busy', timezone: zone,
    layers: [
      { name: 'base', rotation: { unit: 'week', count: 1 }, handoff: { weekday: 5, minute: 1020 }, start: '2025-12-05T17:00', members: ['ana', 'ben', 'chen'], restrictions: [] },
      { name: 'business', rotation: { unit: 'day', count: 1 }, handoff: { weekday: null, minute: 540 }, start: '2026-01-01T09:00', members: ['dee', 'eve'],
        restrictions: [{ days: [1, 2, 3, 4, 5], fromMinute: 540, toMinute: 1020 }] },
      { name: 'night', rotation: { unit: 'hour', count: 8 }, handoff: { weekday: null, minute: 150 }, start: '2026-01-01T02:30', members: ['fay', 'gus', 'hal'],
        restrictions: [{ days: [6, 7], fromMinute: 1320, toMinute: 150 }, { days: [7], fromMinute: 120, toMinute: 180 }] },
      // Sparse: Saturday 22:00 to Sunday 10:00 and, inside it, Sunday 01:00-02:00; nothing else all week.
      { name: 'sparse', rotation: { unit: 'day', count: 1 }, handoff: { weekday: null, minute: 0 }, start: '2026-01-01T00:00', members: ['ivy', 'jon'],
        restrictions: [{ days: [6], fromMinute: 1320, toMinute: 600 }, { days: [7], fromMinute: 60, toMinute: 120 }] },
    ],
    overrides: [
      { user: 'ovr', from: transition - 3 * HOUR, to: transition + 2 * HOUR },
      { user: 'ana', from: transition + 3 * DAY, to: transition + 3 * DAY + 7 * HOUR },
    ],
  };
}

const cases = vectors.zones.flatMap((z) =>
  (z.transitions.length ? z.transitions.map((t) => Date.parse(t.at)) : [Date.parse('2026-06-01T00:00:00Z')])
    .map((t) => [z.zone, new Date(t).toISOString(), t] as const));

describe('onCallAt agrees with finalShifts (oncall --at vs preview)', () => {
  it.each(cases)('%s around %s, every 15 minutes for 8 weeks and at every shift edge', (zone, _label, transition) => {
    const schedule = busySchedule(zone, transition);
    const extra = [{ user: 'api', from: transition + 10 * DAY, to: transition + 11 * DAY }];
    const from = transition - 28 * DAY;
    const to = transition + 28 * DAY;
    // Margins so no shift that contains a sampled instant is cut by the preview's range.
    const shifts = finalShifts(schedule, from - 14 * DAY, to + 14 * DAY, extra);
    const samples: number[] = [];
    for (let t = from; t < to; t += STEP) samples.push(t);
    for (const s of shifts) if (s.from >= from && s.from < to) samples.push(s.from, s.from - 1);

    const mismatches: string[] = [];
    for (const t of samples) {
      const expected = shifts.find((s) => s.from <= t && t < s.to)!;
      const actual = onCallAt(schedule, t, extra);
      const want = expected.user === null ? null : show(expected);
      const got = actual && show(actual);
      if (want !== got) mismatches.push(`${new Date(t).toISOString()}: preview ${want}, --at ${got}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The schedule really exercises every source around the transition.
    expect(new Set(shifts.map((s) => s.layer ?? s.source))).toEqual(new Set(['base', 'business', 'night', 'sparse', 'override']));
  });
});

function show(s: Shift): string {
  return `${s.user}/${s.source}/${s.layer}/${new Date(s.from).toISOString()}/${new Date(s.to).toISOString()}`;
}
