import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows a minute\'s burst, then one event per refill interval', () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 120; i++) expect(limiter.take('a', 120, t0)).toEqual({ ok: true });
    expect(limiter.take('a', 120, t0)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(limiter.take('a', 120, t0 + 499)).toMatchObject({ ok: false });
    expect(limiter.take('a', 120, t0 + 500)).toEqual({ ok: true });
    expect(limiter.take('a', 120, t0 + 500)).toMatchObject({ ok: false });
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter();
    expect(limiter.take('a', 1, 0)).toEqual({ ok: true });
    expect(limiter.take('a', 1, 0)).toEqual({ ok: false, retryAfterMs: 60_000 });
    expect(limiter.take('b', 1, 0)).toEqual({ ok: true });
  });

  it('never holds more than a minute\'s allowance after a long quiet spell', () => {
    const limiter = new RateLimiter();
    limiter.take('a', 10, 0);
    let allowed = 0;
    while (limiter.take('a', 10, 3_600_000).ok) allowed++;
    expect(allowed).toBe(10);
  });

  it('forgets keys idle for a minute', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`, 60, 0);
    expect(limiter.size).toBe(1000);
    limiter.take('late', 60, 61_000);
    expect(limiter.size).toBe(1);
  });
});
