import { describe, expect, it } from 'vitest';
import { parseInstant, parseLocalDateTime } from './index.ts';

describe('parseLocalDateTime', () => {
  it.each([
    ['2026-12-24T17:00', { ok: true, value: { year: 2026, month: 12, day: 24, hour: 17, minute: 0 } }],
    ['2026-12-24 17:00', { ok: true, value: { year: 2026, month: 12, day: 24, hour: 17, minute: 0 } }],
    ['2026-12-24', { ok: true, value: { year: 2026, month: 12, day: 24, hour: 0, minute: 0 } }],
    ['2026-02-29', { ok: false, message: 'expected a local date-time like "2026-12-24T17:00", "2026-12-24 17:00" or "2026-12-24", found "2026-02-29": 2026-02 has no day 29' }],
    ['2026-13-01', { ok: false, message: 'expected a local date-time like "2026-12-24T17:00", "2026-12-24 17:00" or "2026-12-24", found "2026-13-01": the month must be 01-12' }],
    ['24/12/2026', { ok: false, message: 'expected a local date-time like "2026-12-24T17:00", "2026-12-24 17:00" or "2026-12-24", found "24/12/2026"' }],
  ])('%j', (text, expected) => expect(parseLocalDateTime(text)).toEqual(expected));
});

describe('parseInstant', () => {
  const ok = (iso: string) => ({ ok: true, value: Date.parse(iso) });
  it.each([
    ['2026-12-24T16:00:00Z', 'Europe/Berlin', ok('2026-12-24T16:00:00Z')],
    ['2026-12-24T17:00+01:00', 'UTC', ok('2026-12-24T16:00:00Z')],
    ['2026-12-24T11:00:00.250-0500', 'UTC', ok('2026-12-24T16:00:00.250Z')],
    ['2026-12-24T17:00', 'Europe/Berlin', ok('2026-12-24T16:00:00Z')],
    ['2026-03-29 02:30', 'Europe/Berlin', ok('2026-03-29T01:00:00Z')],
    ['2026-10-25T02:30', 'Europe/Berlin', ok('2026-10-25T00:30:00Z')],
    ['2026-12-24', 'Asia/Kolkata', ok('2026-12-23T18:30:00Z')],
    ['2026-12-24T25:00Z', 'UTC', { ok: false, message: 'expected an instant like "2026-12-24T16:00:00Z", found "2026-12-24T25:00Z": the hour must be 0-23' }],
    ['tomorrow', 'UTC', { ok: false, message: 'expected a local date-time like "2026-12-24T17:00", "2026-12-24 17:00" or "2026-12-24" or an instant like "2026-12-24T16:00:00Z", found "tomorrow"' }],
    ['2026-12-24T17:00', 'Mars/Olympus', { ok: false, message: 'expected an IANA time zone like "Europe/Berlin", found "Mars/Olympus"' }],
  ])('%s in %s', (text, zone, expected) => expect(parseInstant(text, zone)).toEqual(expected));
});
