import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from './index.ts';
import { addLocalDays, offsetMinutes, occurrencesBetween, parseLocalDateTime, resolveLocal, windowEnd } from './index.ts';

/** Expected instants computed with Python's zoneinfo: an independent tz implementation. */
interface ZoneVectors {
  zone: string;
  range: [string, string];
  transitions: { at: string; offset_before_min: number; offset_after_min: number }[];
  gap_and_repeated_local_times: { local: string; kind: 'gap' | 'repeated'; resolves_to: string }[];
  weekly_friday_1700: string[];
  daily_0230: string[];
  weekdays_0900: string[];
  first_monday_1000: string[];
  saturday_0200_windows: { start: string; end_wall_0600: string; end_elapsed_4h: string }[];
}
const file = new URL('../../test/fixtures/time/vectors.json', import.meta.url);
const vectors = JSON.parse(readFileSync(file, 'utf8')) as { zones: ZoneVectors[] };

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const local = (text: string) => {
  const parsed = parseLocalDateTime(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe.each(vectors.zones.map((z) => [z.zone, z] as const))('calendar vectors: %s', (zone, v) => {
  // The range is inclusive local dates: from the first day's midnight to the midnight after the last.
  const from = resolveLocal(zone, local(v.range[0]));
  const to = resolveLocal(zone, { ...addLocalDays(local(v.range[1]), 1), hour: 0, minute: 0 });
  const between = (rec: Recurrence) => occurrencesBetween(rec, from, to).map(iso);

  it('covers the whole file', () => {
    expect(v.daily_0230).toHaveLength(730);
    expect(zone === 'Asia/Kolkata' || v.transitions.length === 4).toBe(true);
  });

  it.each(v.transitions.map((t) => [t.at, t] as const))('offsets around the transition at %s', (at, t) => {
    const ms = Date.parse(at);
    expect([offsetMinutes(zone, ms - 1), offsetMinutes(zone, ms)]).toEqual([t.offset_before_min, t.offset_after_min]);
  });

  it.each(v.gap_and_repeated_local_times.map((g) => [g.local, g.kind, g.resolves_to] as const))(
    '%s (%s) resolves to %s', (text, _kind, expected) => {
      expect(iso(resolveLocal(zone, local(text)))).toBe(expected);
    });

  it('weekly Friday 17:00', () => {
    expect(between({ kind: 'weekly', zone, weekday: 5, minute: 17 * 60 })).toEqual(v.weekly_friday_1700);
  });
  it('daily 02:30', () => {
    expect(between({ kind: 'daily', zone, minute: 150 })).toEqual(v.daily_0230);
  });
  it('weekdays 09:00', () => {
    expect(between({ kind: 'daily', zone, minute: 540, weekdays: [1, 2, 3, 4, 5] })).toEqual(v.weekdays_0900);
  });
  it('first Monday 10:00', () => {
    expect(between({ kind: 'monthly-weekday', zone, nth: 1, weekday: 1, minute: 600 })).toEqual(v.first_monday_1000);
  });
  it('Saturday 02:00 windows, until 06:00 by wall clock and 4h elapsed', () => {
    const windows = occurrencesBetween({ kind: 'weekly', zone, weekday: 6, minute: 120 }, from, to).map((start) => ({
      start: iso(start),
      end_wall_0600: iso(windowEnd(start, zone, { untilMinute: 360 })),
      end_elapsed_4h: iso(windowEnd(start, zone, { lastsMs: 4 * 3_600_000 })),
    }));
    expect(windows).toEqual(v.saturday_0200_windows);
  });
});
