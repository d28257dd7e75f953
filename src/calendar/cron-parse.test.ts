import { describe, expect, it } from 'vitest';
import type { Recurrence } from './index.ts';
import { nextOccurrence, occurrencesBetween, parseCron } from './index.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
function cron(expr: string, zone = 'UTC'): Recurrence {
  const parsed = parseCron(expr);
  if (!parsed.ok) throw new Error(parsed.message);
  return { kind: 'cron', zone, cron: parsed.value };
}
const between = (rec: Recurrence, from: string, to: string) => occurrencesBetween(rec, Date.parse(from), Date.parse(to)).map(iso);

describe('parseCron errors name the field and its column', () => {
  it.each([
    ['0 2 * *', 'expected 5 cron fields (minute hour day-of-month month day-of-week), found 4 in "0 2 * *"'],
    ['0 25 * * *', 'hour (column 3): expected 0-23, found "25"'],
    ['0 2 * * 8', 'day-of-week (column 9): expected 0-7 or a name like Mon, found "8"'],
    ['0 2 * Foo *', 'month (column 7): expected 1-12 or a name like Feb, found "Foo"'],
    ['0 2 1,0 * *', 'day-of-month (column 7): expected 1-31, found "0" in "1,0"'],
    ['*/0 * * * *', 'minute (column 1): expected a step of 1 or more after "/", found "0" in "*/0"'],
    ['0 5-2 * * *', 'hour (column 3): expected a range from low to high, found "5-2"'],
    ['0 1-2-3 * * *', 'hour (column 3): expected a range like 0-23, found "1-2-3"'],
    ['@reboot', 'expected a cron macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly), found "@reboot"'],
  ])('%s', (expr, message) => {
    expect(parseCron(expr)).toEqual({ ok: false, message });
  });
});

describe('cron occurrences', () => {
  it.each([
    // Lists, ranges, steps and names.
    ['0,30 9-10 * * Mon', 'UTC', '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z',
      ['2026-01-05T09:00:00Z', '2026-01-05T09:30:00Z', '2026-01-05T10:00:00Z', '2026-01-05T10:30:00Z']],
    ['15/20 8 1 jan-feb *', 'UTC', '2026-01-01T00:00:00Z', '2026-03-02T00:00:00Z',
      ['2026-01-01T08:15:00Z', '2026-01-01T08:35:00Z', '2026-01-01T08:55:00Z', '2026-02-01T08:15:00Z', '2026-02-01T08:35:00Z', '2026-02-01T08:55:00Z']],
    // Vixie: both day fields restricted -> either matches (the 13th, and every Friday).
    ['0 12 13 * Fri', 'UTC', '2026-02-01T00:00:00Z', '2026-02-21T00:00:00Z',
      ['2026-02-06T12:00:00Z', '2026-02-13T12:00:00Z', '2026-02-20T12:00:00Z']],
    // A "*"-led day field means both must match: Fridays in odd days of month.
    ['0 12 */2 * 5', 'UTC', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z',
      ['2026-02-13T12:00:00Z', '2026-02-27T12:00:00Z']],
    // 0 and 7 are both Sunday.
    ['0 0 * * 7', 'UTC', '2026-02-01T00:00:00Z', '2026-02-09T00:00:00Z', ['2026-02-01T00:00:00Z', '2026-02-08T00:00:00Z']],
    ['@daily', 'Asia/Kolkata', '2026-02-01T00:00:00Z', '2026-02-03T00:00:00Z', ['2026-02-01T18:30:00Z', '2026-02-02T18:30:00Z']],
    // Gap day in Berlin: 02:00-02:45 all resolve to the transition (01:00Z) and happen once.
    ['*/15 2 * * *', 'Europe/Berlin', '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z',
      ['2026-03-28T01:00:00Z', '2026-03-28T01:15:00Z', '2026-03-28T01:30:00Z', '2026-03-28T01:45:00Z',
        '2026-03-29T01:00:00Z',
        '2026-03-30T00:00:00Z', '2026-03-30T00:15:00Z', '2026-03-30T00:30:00Z', '2026-03-30T00:45:00Z']],
    // Repeated hour in Berlin: 02:xx happens once, in its first (summer-time) pass.
    ['*/30 2 * * *', 'Europe/Berlin', '2026-10-25T00:00:00Z', '2026-10-26T00:00:00Z', ['2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z']],
    // New York: the 02:00 hour is skipped in March; 01:30 happens once in November.
    ['30 1,2 * * *', 'America/New_York', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', ['2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z']],
    ['30 1,2 * * *', 'America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', ['2026-11-01T05:30:00Z', '2026-11-01T07:30:00Z']],
  ])('%s in %s from %s', (expr, zone, from, to, expected) => {
    expect(between(cron(expr, zone), from, to)).toEqual(expected);
  });

  it('finds a leap day years ahead and gives up on a day that never exists', () => {
    expect(iso(nextOccurrence(cron('0 0 29 2 *'), Date.parse('2026-01-01T00:00:00Z'))!)).toBe('2028-02-29T00:00:00Z');
    expect(nextOccurrence(cron('0 0 30 2 *'), Date.parse('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('nextOccurrence in a gap returns the resolved instant once', () => {
    const rec = cron('*/15 2 * * *', 'Europe/Berlin');
    const gap = Date.parse('2026-03-29T01:00:00Z');
    expect(nextOccurrence(rec, gap - 1)).toBe(gap);
    expect(iso(nextOccurrence(rec, gap)!)).toBe('2026-03-30T00:00:00Z');
  });
});
