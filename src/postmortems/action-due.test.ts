import { describe, expect, it } from 'vitest';
import { parseDue } from './action-due.ts';

describe('parseDue', () => {
  it.each([
    ['a bare date is the end of that local day', '2026-04-01', 'Europe/Berlin', '2026-04-01T22:00:00Z'],
    ['the end of the day before the clocks go forward', '2026-03-28', 'Europe/Berlin', '2026-03-28T23:00:00Z'],
    ['a local time means that time', '2026-04-01T17:00', 'Europe/Berlin', '2026-04-01T15:00:00Z'],
    ['an instant is taken as it is', '2026-04-01T17:00:00Z', 'Europe/Berlin', '2026-04-01T17:00:00Z'],
  ])('%s', (_name, text, zone, want) => {
    expect(parseDue(text, zone)).toEqual({ ok: true, value: Date.parse(want) });
  });

  it('says what it expected', () => {
    const parsed = parseDue('next friday', 'UTC');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('found "next friday"');
    expect(parseDue('2026-02-30', 'UTC')).toEqual({ ok: false, message: expect.stringContaining('2026-02 has no day 30') });
  });
});
