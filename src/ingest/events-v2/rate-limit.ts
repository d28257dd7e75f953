/**
 * A token bucket per routing key: a full minute's allowance may arrive at once (a burst after an
 * outage), then it refills at the rate. Time comes in as `now`, so tests drive it and the clock
 * stays the injected one. Buckets that have refilled completely are forgotten, so a flood of
 * distinct keys cannot grow the map past the keys active within the last minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  /** Takes one token; when none is left, how many ms until one is. */
  take(key: string, perMinute: number, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const perMs = perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs) : perMinute;
    if (now - this.lastSweep > 60_000) this.sweep(now);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    // A bucket untouched for a minute has refilled a minute's allowance, its capacity: forgetting it changes nothing.
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(key);
  }
}
