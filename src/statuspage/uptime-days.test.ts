import { describe, expect, it } from 'vitest';
import { availabilityReport } from '../reports/index.ts';
import { uptimeDays } from './uptime-days.ts';

const DAY = 86_400_000;
const from = Date.parse('2026-11-01T00:00:00Z');

describe('uptimeDays', () => {
  // Three UTC days: down 864 s on day 2 (1%), day 3 all maintenance.
  const report = availabilityReport({
    from, to: from + 3 * DAY, zone: 'UTC',
    downtime: { down: [{ start: from + DAY, end: from + DAY + 864_000 }], allDown: [{ start: from + DAY, end: from + DAY + 864_000 }] },
    maintenance: [{ start: from + 2 * DAY, end: from + 3 * DAY }],
  });

  it('claims nothing for days before monitoring began', () => {
    const u = uptimeDays(report, from + DAY + 3_600_000);
    expect(u.days.map((d) => [d.date, d.worst, d.percent])).toEqual([
      ['2026-11-01', 'nodata', null], ['2026-11-02', 'major', 99], ['2026-11-03', 'operational', null],
    ]);
    // Only day 2 counts: day 1 had no data, day 3 was all maintenance.
    expect(u.percent).toBe(99);
  });

  it('counts every day once monitoring began before them, and nothing without evidence', () => {
    expect(uptimeDays(report, from - 1).percent).toBe(99.5);
    const none = uptimeDays(report, null);
    expect(none.percent).toBeNull();
    expect(none.days.every((d) => d.worst === 'nodata')).toBe(true);
  });
});
