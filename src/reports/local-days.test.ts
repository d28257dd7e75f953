import { describe, expect, it } from 'vitest';
import { localDays } from './local-days.ts';

const H = 3_600_000;

describe('localDays', () => {
  it.each([
    ['Berlin spring forward', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29', 23],
    ['Berlin fall back', 'Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25', 25],
    ['New York spring forward', 'America/New_York', '2026-03-08T05:00:00Z', '2026-03-08', 23],
    ['New York fall back', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-01', 25],
    ['Kolkata (no DST)', 'Asia/Kolkata', '2026-03-28T18:30:00Z', '2026-03-29', 24],
  ])('%s: the day has its real length', (_name, zone, start, date, hours) => {
    const from = Date.parse(start);
    const days = localDays(zone, from, from + 3 * 24 * H);
    expect(days[0]).toEqual({ date, start: from, end: from + hours * H });
  });

  it('clips the first and last day to the period', () => {
    const from = Date.parse('2026-05-01T10:00:00Z');
    const to = Date.parse('2026-05-03T05:00:00Z');
    expect(localDays('UTC', from, to)).toEqual([
      { date: '2026-05-01', start: from, end: Date.parse('2026-05-02T00:00:00Z') },
      { date: '2026-05-02', start: Date.parse('2026-05-02T00:00:00Z'), end: Date.parse('2026-05-03T00:00:00Z') },
      { date: '2026-05-03', start: Date.parse('2026-05-03T00:00:00Z'), end: to },
    ]);
  });

  it('gives 90 whole days for 90 days from local midnight', () => {
    const from = Date.parse('2026-01-01T00:00:00+01:00');
    const days = localDays('Europe/Berlin', from, Date.parse('2026-04-01T00:00:00+02:00'));
    expect(days).toHaveLength(90);
    expect(days.filter((d) => d.end - d.start !== 24 * H).map((d) => d.date)).toEqual(['2026-03-29']);
  });
});
