import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MaintenanceDef } from '../src/config/index.ts';
import { applyChanges, maintenanceMuter, scheduledOccurrences } from '../src/maintenance/index.ts';

// Acceptance 4 (b): a maintenance window at a local time behaves as DESIGN.md "Time" says on the
// nights the clocks change, and its occurrences match the independent tz vectors.

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const at = (text: string) => Date.parse(text);

function def(overrides: Partial<MaintenanceDef>): MaintenanceDef {
  return {
    id: 'night', title: 'Nightly work', timezone: 'Europe/Berlin', schedule: { kind: 'weekly', weekday: 7, minute: 150 },
    duration: { lastsMs: 4 * HOUR }, services: ['api'], components: ['API'], noticeMs: 0, message: null, checklist: null, ...overrides,
  };
}

const windows = (d: MaintenanceDef, from: string, to: string) =>
  scheduledOccurrences(d, at(from), at(to)).map((o) => [iso(o.start), iso(o.end)]);

describe('a 02:30 Europe/Berlin window on the nights the clocks change', () => {
  // The clocks change on Sundays in the EU, so the window that meets them is a Sunday one (a
  // Saturday 02:30 never does); "last Sun 02:30" meets both, every year.
  const sunday = { kind: 'weekly', weekday: 7, minute: 150 } as const;
  const lastSunday = { kind: 'monthly-weekday', nth: 'last', weekday: 7, minute: 150 } as const;

  it.each([['every Sunday', sunday], ['every last Sunday', lastSunday]] as const)('%s, lasts 4h: starts at the transition in the gap, at the first 02:30 when it repeats; ends 4 elapsed hours later', (_, schedule) => {
    const d = def({ schedule, duration: { lastsMs: 4 * HOUR } });
    // 2026-03-29: 02:30 does not exist (02:00 CET -> 03:00 CEST at 01:00 UTC).
    expect(windows(d, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toEqual([['2026-03-29T01:00:00Z', '2026-03-29T05:00:00Z']]);
    // 2026-10-25: 02:30 happens twice (00:30 and 01:30 UTC); once, at the first.
    expect(windows(d, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toEqual([['2026-10-25T00:30:00Z', '2026-10-25T04:30:00Z']]);
  });

  it.each([['every Sunday', sunday], ['every last Sunday', lastSunday]] as const)('%s, until 06:30: ends at 06:30 on the wall clock', (_, schedule) => {
    const d = def({ schedule, duration: { untilMinute: 390 } });
    // 06:30 CEST = 04:30 UTC: 3.5 elapsed hours on the short night.
    expect(windows(d, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toEqual([['2026-03-29T01:00:00Z', '2026-03-29T04:30:00Z']]);
    // 06:30 CET = 05:30 UTC: 5 elapsed hours on the long night.
    expect(windows(d, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toEqual([['2026-10-25T00:30:00Z', '2026-10-25T05:30:00Z']]);
  });

  it('a week either side keeps its ordinary hours, and the gap night does not produce two windows', () => {
    const d = def({ schedule: sunday, duration: { untilMinute: 390 } });
    expect(windows(d, '2026-03-21T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([
      ['2026-03-22T01:30:00Z', '2026-03-22T05:30:00Z'], // CET
      ['2026-03-29T01:00:00Z', '2026-03-29T04:30:00Z'],
      ['2026-04-05T00:30:00Z', '2026-04-05T04:30:00Z'], // CEST
    ]);
  });

  it('mutes the api alert from the transition instant, not an hour later, and not a minute past its end', () => {
    const occurrences = applyChanges([def({ schedule: sunday, duration: { lastsMs: 4 * HOUR } })], [], at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'));
    const muter = maintenanceMuter(occurrences);
    expect(muter.mutedBy({ service: 'api' }, at('2026-03-29T00:59:59Z'))).toBeNull();
    expect(muter.mutedBy({ service: 'api' }, at('2026-03-29T01:00:00Z'))).toEqual({
      kind: 'maintenance', id: 'night', description: 'maintenance window "Nightly work" until 05:00 UTC',
    });
    expect(muter.mutedBy({ service: 'api' }, at('2026-03-29T04:59:59Z'))).not.toBeNull();
    expect(muter.mutedBy({ service: 'api' }, at('2026-03-29T05:00:00Z'))).toBeNull();
  });
});

interface SaturdayWindow { start: string; end_wall_0600: string; end_elapsed_4h: string }
const vectors = JSON.parse(readFileSync(new URL('./fixtures/time/vectors.json', import.meta.url), 'utf8')) as {
  zones: { zone: string; range: [string, string]; saturday_0200_windows: SaturdayWindow[] }[];
};

describe.each(vectors.zones.map((z) => [z.zone, z] as const))('Saturday 02:00 maintenance windows in %s match the vectors', (zone, v) => {
  const saturday = { kind: 'weekly', weekday: 6, minute: 120 } as const;
  const first = at(v.saturday_0200_windows[0]!.start);
  const last = at(v.saturday_0200_windows.at(-1)!.start);

  it.each([['until 06:00', { untilMinute: 360 }, 'end_wall_0600'], ['lasts 4h', { lastsMs: 4 * HOUR }, 'end_elapsed_4h']] as const)('%s', (_, duration, field) => {
    const d = def({ timezone: zone, schedule: saturday, duration });
    // Every window whose start lies in [first, last]: overlapping windows from just before are left out.
    const found = scheduledOccurrences(d, first, last + 1).filter((o) => o.start >= first).map((o) => ({ start: iso(o.start), end: iso(o.end) }));
    expect(found).toEqual(v.saturday_0200_windows.map((w) => ({ start: w.start, end: w[field] })));
    expect(found.length).toBeGreaterThan(100);
  });
});
