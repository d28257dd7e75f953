import { describe, expect, it } from 'vitest';
import { hashId, phaseOf, slotAfter, slotAtOrAfter } from './schedule-phase.ts';

describe('phaseOf', () => {
  it('is stable, inside the interval, and keeps the same fraction when the interval scales', () => {
    expect(phaseOf('api/health', 30_000)).toBe(phaseOf('api/health', 30_000));
    for (const id of ['', 'a', 'api/health', 'db/ping', 'ünïcode/✓']) {
      for (const interval of [1, 999, 30_000, 86_400_000, 2 ** 40]) {
        const p = phaseOf(id, interval);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(interval);
      }
    }
    expect(Math.abs(phaseOf('api/health', 60_000) - 2 * phaseOf('api/health', 30_000))).toBeLessThanOrEqual(1);
  });

  it('separates ids that differ in one character', () => {
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hashId(`svc/check-${i}`)));
    expect(hashes.size).toBe(10_000);
    // The top bit (which decides the half of the interval) is set for about half of them.
    const high = [...hashes].filter((h) => h >= 2 ** 31).length;
    expect(high).toBeGreaterThan(4_800);
    expect(high).toBeLessThan(5_200);
  });
});

describe('slots', () => {
  it.each([
    // now, interval, phase, at-or-after, after
    [0, 10, 3, 3, 3],
    [3, 10, 3, 3, 13],
    [4, 10, 3, 13, 13],
    [13, 10, 3, 13, 23],
    [1_767_225_600_000, 30_000, 12_345, 1_767_225_612_345, 1_767_225_612_345],
    [1_767_225_612_345, 30_000, 12_345, 1_767_225_612_345, 1_767_225_642_345],
  ])('now=%i interval=%i phase=%i', (now, interval, phase, atOrAfter, after) => {
    expect(slotAtOrAfter(now, interval, phase)).toBe(atOrAfter);
    expect(slotAfter(now, interval, phase)).toBe(after);
  });
});
