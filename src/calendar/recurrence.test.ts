import { describe, expect, it } from 'vitest';
import type { Recurrence } from './index.ts';
import { nextOccurrence, occurrencesBetween, windowEnd } from './index.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));
const at = Date.parse;

describe('nextOccurrence is strictly after its argument', () => {
  it.each<[string, Recurrence, string, string]>([
    ['daily, exactly at one', { kind: 'daily', zone: 'UTC', minute: 540 }, '2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z'],
    ['weekdays skip the weekend', { kind: 'daily', zone: 'UTC', minute: 540, weekdays: [1, 2, 3, 4, 5] }, '2026-01-09T09:00:00Z', '2026-01-12T09:00:00Z'],
    ['weekly Friday 17:00 Sydney', { kind: 'weekly', zone: 'Australia/Sydney', weekday: 5, minute: 1020 }, '2026-04-03T06:00:00Z', '2026-04-10T07:00:00Z'],
    ['last Friday of the month', { kind: 'monthly-weekday', zone: 'UTC', nth: 'last', weekday: 5, minute: 0 }, '2026-01-01T00:00:00Z', '2026-01-30T00:00:00Z'],
    ['5th Monday skips months without one', { kind: 'monthly-weekday', zone: 'UTC', nth: 5, weekday: 1, minute: 0 }, '2026-01-01T00:00:00Z', '2026-03-30T00:00:00Z'],
    ['day 31 skips short months', { kind: 'monthly-day', zone: 'UTC', day: 31, minute: 60 }, '2026-03-31T01:00:00Z', '2026-05-31T01:00:00Z'],
    ['last day of February', { kind: 'monthly-day', zone: 'UTC', day: 'last', minute: 0 }, '2026-02-01T00:00:00Z', '2026-02-28T00:00:00Z'],
    ['interval before its anchor', { kind: 'interval', anchor: at('2026-01-01T00:00:00Z'), everyMs: 3_600_000 }, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['interval on a tick', { kind: 'interval', anchor: at('2026-01-01T00:00:00Z'), everyMs: 3_600_000 }, '2026-01-01T05:00:00Z', '2026-01-01T06:00:00Z'],
  ])('%s', (_name, rec, after, expected) => {
    expect(iso(nextOccurrence(rec, at(after)))).toBe(expected);
  });
});

describe('occurrencesBetween is [from, to)', () => {
  it.each<[string, Recurrence, string, string, string[]]>([
    ['interval', { kind: 'interval', anchor: at('2026-01-01T00:00:00Z'), everyMs: 1_800_000 }, '2026-01-01T00:30:00Z', '2026-01-01T01:30:00Z',
      ['2026-01-01T00:30:00Z', '2026-01-01T01:00:00Z']],
    ['daily in Kolkata', { kind: 'daily', zone: 'Asia/Kolkata', minute: 1020 }, '2026-01-01T11:30:00Z', '2026-01-03T11:30:00Z',
      ['2026-01-01T11:30:00Z', '2026-01-02T11:30:00Z']],
    ['empty range', { kind: 'daily', zone: 'UTC', minute: 0 }, '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', []],
  ])('%s', (_name, rec, from, to, expected) => {
    expect(occurrencesBetween(rec, at(from), at(to)).map(iso)).toEqual(expected);
  });
});

describe('windowEnd: elapsed vs wall clock on DST nights', () => {
  it.each([
    // Berlin spring forward: 00:00-06:00 local is 5 elapsed hours.
    ['Europe/Berlin', '2026-03-28T23:00:00Z', { untilMinute: 360 }, '2026-03-29T04:00:00Z'],
    ['Europe/Berlin', '2026-03-28T23:00:00Z', { lastsMs: 6 * 3_600_000 }, '2026-03-29T05:00:00Z'],
    // Fall back: 00:00-06:00 local is 7 elapsed hours.
    ['Europe/Berlin', '2026-10-24T22:00:00Z', { untilMinute: 360 }, '2026-10-25T05:00:00Z'],
    // An end inside the gap is the transition; one in the repeated hour is its first pass.
    ['Europe/Berlin', '2026-03-28T23:00:00Z', { untilMinute: 150 }, '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-24T22:00:00Z', { untilMinute: 150 }, '2026-10-25T00:30:00Z'],
    // Overnight: 22:00 until 06:00 ends the next day; until the start time itself is a day later.
    ['UTC', '2026-01-01T22:00:00Z', { untilMinute: 360 }, '2026-01-02T06:00:00Z'],
    ['UTC', '2026-01-01T22:00:00Z', { untilMinute: 1320 }, '2026-01-02T22:00:00Z'],
  ] as const)('%s from %s, %j', (zone, start, length, expected) => {
    expect(iso(windowEnd(at(start), zone, length))).toBe(expected);
  });
});
