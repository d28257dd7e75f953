import { describe, expect, it } from 'vitest';
import { createLatenessHistogram } from './lateness-histogram.ts';

describe('lateness histogram', () => {
  it('reports zeros when empty', () => {
    expect(createLatenessHistogram().summary()).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
  });

  it('is exact for small whole milliseconds', () => {
    const h = createLatenessHistogram();
    for (let ms = 1; ms <= 100; ms++) h.record(ms);
    expect(h.summary()).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
    expect(h.quantile(0)).toBe(1);
    expect(h.quantile(1)).toBe(100);
  });

  it.each([150, 999, 5_000, 123_456, 3_600_000])('is within 3.2%% (never under) at %i ms', (ms) => {
    const h = createLatenessHistogram();
    for (let i = 0; i < 99; i++) h.record(ms);
    h.record(ms * 100);
    const p50 = h.quantile(0.5);
    expect(p50).toBeGreaterThanOrEqual(ms);
    expect(p50).toBeLessThanOrEqual(ms * 1.032);
    expect(h.summary().max).toBe(ms * 100);
  });

  it('counts negative lateness (a clock stepping back) as on time, keeps a huge one as max, and resets', () => {
    const h = createLatenessHistogram();
    h.record(-20);
    h.record(2 ** 40);
    expect(h.summary()).toMatchObject({ count: 2, p50: 0, max: 2 ** 40 });
    expect(h.quantile(1)).toBeLessThanOrEqual(2 ** 40);
    h.reset();
    expect(h.summary()).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
  });
});
