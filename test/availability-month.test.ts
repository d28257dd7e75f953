import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { occurrencesBetween, windowEnd } from '../src/calendar/index.ts';
import type { CheckStateChange } from '../src/checks/check-result.ts';
import { availabilityReport, loadAvailability, roundPercent, scopeDowntime, type Interval } from '../src/reports/index.ts';
import { testDialects, useTestStore } from '../src/store/store-test-dialects.ts';

// Acceptance 5: availability over a fixture month with known outages and maintenance matches
// hand-computed figures to 0.001%.
//
// The month is March 2026 in Europe/Berlin: [2026-03-01 00:00 CET, 2026-04-01 00:00 CEST)
// = [2026-02-28T23:00Z, 2026-03-31T22:00Z). The clocks go forward on 03-29, so
//   period      = 31 d x 86,400 s - 3,600 s                                 = 2,674,800 s
// Maintenance, Saturdays 02:00-06:00 Berlin (4 h elapsed; 03-07, 03-14, 03-21, 03-28, all CET):
//   maintenance = 4 x 14,400 s                                              =    57,600 s
//   counted     = 2,674,800 s - 57,600 s                                    = 2,617,200 s
// Outages of component "platform" (a failure of any of its checks is downtime):
//   db/ping 02-28 22:30Z-23:20Z, crossing the month's start: 23:00-23:20    =     1,200 s
//   api/health 03-10 10:00-10:30 (1,800 s) + api/latency 10:28-10:35 (420 s)
//     - their overlap 10:28-10:30 (120 s)                                   =     2,100 s
//   api/health 03-14 03:00-03:30Z, inside the 01:00-05:00Z window           =         0 s (1,800 s excluded)
//   db/ping 03-14 04:50-05:10Z: 04:50-05:00 inside the window, 05:00-05:10  =       600 s (600 s excluded)
//   all three 03-29 00:30-01:30Z (01:30 CET to 03:30 CEST: 1 h elapsed)     =     3,600 s
//   db/ping 03-31 21:50Z-22:40Z, crossing the month's end: 21:50-22:00      =       600 s
//   downtime    = 1,200 + 2,100 + 600 + 3,600 + 600                         =     8,100 s
// Maintenance leaves the denominator too (the usual SLO choice: a window is neither up nor down):
//   availability = 1 - 8,100 / 2,617,200 = 0.996905089...                   -> 99.691 %
// Had maintenance stayed in the denominator: 1 - 8,100 / 2,674,800 = 0.996971736... -> 99.697 %
// Had maintenance not been excluded at all: 1 - (8,100 + 2,400) / 2,674,800 = 0.99607447... -> 99.607 %
// Days (Berlin calendar days; 03-29 has 23 hours = 82,800 s):
//   03-01: 1 - 1,200 / 86,400 = 0.986111 -> 98.611    03-10: 1 - 2,100 / 86,400 = 0.975694 -> 97.569
//   03-14: 1 - 600 / (86,400 - 14,400) = 0.991667 -> 99.167
//   03-29: 1 - 3,600 / 82,800 = 0.956522 -> 95.652 (all checks down at once: major)
//   03-31: 1 - 600 / 86,400 = 0.993056 -> 99.306

interface Fixture {
  zone: string;
  from: string;
  to: string;
  maintenanceRecurrence: { weekday: number; minute: number; lastsMs: number };
  maintenance: { start: string; end: string }[];
  stateChanges: Record<string, { at: string; ok: boolean }[]>;
  expected: {
    periodMs: number; maintenanceMs: number; countedMs: number; downtimeMs: number; downtimeInMaintenanceMs: number;
    percent: number; percentIfMaintenanceCounted: number; percentIfMaintenanceIgnored: number; days: number;
    dayFigures: Record<string, { downtimeMs: number; percent: number; worst: string; hadMaintenance: boolean; lengthMs: number }>;
  };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/availability/month.json', import.meta.url), 'utf8')) as Fixture;
const from = Date.parse(fixture.from);
const to = Date.parse(fixture.to);
const maintenance: Interval[] = fixture.maintenance.map((m) => ({ start: Date.parse(m.start), end: Date.parse(m.end) }));
const changes = new Map<string, CheckStateChange[]>(Object.entries(fixture.stateChanges).map(([checkId, list]) => [
  checkId, list.map((c) => ({ checkId, at: Date.parse(c.at), ok: c.ok, reason: c.ok ? '' : 'fixture outage' })),
]));
const expected = fixture.expected;

describe('availability over the fixture month', () => {
  const report = availabilityReport({ from, to, zone: fixture.zone, downtime: scopeDowntime(changes, from, to), maintenance });

  it('has the hand-computed period, maintenance and downtime', () => {
    expect(to - from).toBe(expected.periodMs);
    expect(report.maintenanceMs).toBe(expected.maintenanceMs);
    expect(report.countedMs).toBe(expected.countedMs);
    expect(report.downtimeMs).toBe(expected.downtimeMs);
    expect(report.downtimeInMaintenanceMs).toBe(expected.downtimeInMaintenanceMs);
  });

  it('matches the hand-computed availability to 0.001 %, with maintenance out of the denominator', () => {
    expect(report.percent).toBe(expected.percent);
    expect(Math.abs(report.ratio! * 100 - (1 - 8_100 / 2_617_200) * 100)).toBeLessThan(0.0005);
    // The other two choices give figures that differ in the first three decimals, so this test tells them apart.
    expect(roundPercent(1 - expected.downtimeMs / expected.periodMs)).toBe(expected.percentIfMaintenanceCounted);
    expect(roundPercent(1 - (expected.downtimeMs + expected.downtimeInMaintenanceMs) / expected.periodMs)).toBe(expected.percentIfMaintenanceIgnored);
    expect(new Set([expected.percent, expected.percentIfMaintenanceCounted, expected.percentIfMaintenanceIgnored]).size).toBe(3);
  });

  it('buckets Berlin calendar days, one of 23 hours, with their own figures', () => {
    expect(report.days).toHaveLength(expected.days);
    expect(report.days[0]!.date).toBe('2026-03-01');
    expect(report.days.at(-1)!.date).toBe('2026-03-31');
    // The days tile the month exactly.
    expect(report.days.reduce((sum, d) => sum + (d.end - d.start), 0)).toBe(expected.periodMs);
    for (const [date, want] of Object.entries(expected.dayFigures)) {
      const day = report.days.find((d) => d.date === date)!;
      expect({ date, downtimeMs: day.downtimeMs, percent: day.percent, worst: day.worst, hadMaintenance: day.hadMaintenance, lengthMs: day.end - day.start })
        .toEqual({ date, ...want });
    }
    const quiet = report.days.filter((d) => !(d.date in expected.dayFigures));
    expect(quiet.every((d) => d.percent === 100 && d.worst === 'operational')).toBe(true);
    expect(report.days.filter((d) => d.hadMaintenance).map((d) => d.date)).toEqual(['2026-03-07', '2026-03-14', '2026-03-21', '2026-03-28']);
  });

  it('uses the maintenance windows the calendar computes for "Sat 02:00 Europe/Berlin, lasts 4h"', () => {
    const r = fixture.maintenanceRecurrence;
    const starts = occurrencesBetween({ kind: 'weekly', zone: fixture.zone, weekday: r.weekday, minute: r.minute }, from, to);
    expect(starts.map((start) => ({ start, end: windowEnd(start, fixture.zone, { lastsMs: r.lastsMs }) }))).toEqual(maintenance);
  });
});

describe.each(testDialects)('availability from state changes stored in $name', (dialect) => {
  const t = useTestStore(dialect);

  it('loads the scope\'s checks from the store and gives the same figures', async () => {
    for (const list of changes.values()) for (const change of list) await t.store.results.recordStateChange(change);
    // A check outside the scope, failing all month, must not count.
    await t.store.results.recordStateChange({ checkId: 'other/health', at: from - 1, ok: false, reason: 'not ours' });
    const scope = { scope: { kind: 'component' as const, id: 'platform' }, name: 'Platform', services: ['api', 'db'], checks: ['api/health', 'api/latency', 'db/ping'], components: ['platform'] };
    const asked: unknown[] = [];
    const report = await loadAvailability({
      results: t.store.results,
      maintenance: async (s, f, tt) => {
        asked.push([s, f, tt]);
        return maintenance;
      },
    }, scope, from, to, fixture.zone);
    expect(asked).toEqual([[{ services: ['api', 'db'], components: ['platform'] }, from, to]]);
    expect({ downtimeMs: report.downtimeMs, maintenanceMs: report.maintenanceMs, percent: report.percent })
      .toEqual({ downtimeMs: expected.downtimeMs, maintenanceMs: expected.maintenanceMs, percent: expected.percent });
  });
});
