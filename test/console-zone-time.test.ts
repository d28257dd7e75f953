import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput, zoneDays } from '../console/src/ui/zone-time.ts';

// The console reads times typed on a schedule's wall clock with Intl alone; it must follow the
// same DST rules as the server's calendar module (DESIGN.md, "Time"), checked on the same vectors.
const vectors = JSON.parse(readFileSync(new URL('./fixtures/time/vectors.json', import.meta.url), 'utf8')) as {
  zones: { zone: string; gap_and_repeated_local_times: { local: string; kind: string; resolves_to: string }[] }[];
};

describe('console wall-clock times in a named zone', () => {
  const cases = vectors.zones.flatMap((z) => z.gap_and_repeated_local_times.map((e) => ({ zone: z.zone, ...e })));

  it('has gap and repeated local times to check', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('$zone $local ($kind) resolves to $resolves_to', ({ zone, local, resolves_to }) => {
    expect(new Date(fromLocalInput(local, zone)!).toISOString()).toBe(new Date(resolves_to).toISOString());
  });

  it.each([
    { zone: 'America/New_York', from: '2026-03-07T12:00:00Z', hours: [24, 23, 24] },
    { zone: 'America/New_York', from: '2026-10-31T12:00:00Z', hours: [24, 25, 24] },
    { zone: 'Europe/Berlin', from: '2026-03-28T12:00:00Z', hours: [24, 23, 24] },
    { zone: 'Australia/Sydney', from: '2026-04-04T00:00:00Z', hours: [24, 25, 24] },
    { zone: 'Asia/Kolkata', from: '2026-04-04T00:00:00Z', hours: [24, 24, 24] },
  ])('days in $zone from $from last $hours hours and start at local midnight', ({ zone, from, hours }) => {
    const days = zoneDays(Date.parse(from), hours.length, zone);
    expect(days.map((d) => (d.end - d.start) / 3_600_000)).toEqual(hours);
    for (const day of days) expect(toLocalInput(day.start, zone)).toBe(`${day.key}T00:00`);
  });

  it('reads a malformed input as nothing rather than a wrong time', () => {
    expect(fromLocalInput('', 'UTC')).toBeUndefined();
    expect(fromLocalInput('12/07/2026 10:00', 'UTC')).toBeUndefined();
  });
});
