/** Read on every decision, so a config reload applies to the next retry. */
export interface RetryPolicy {
  /** The wait after the first failure, at most. */
  initialMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** A notification failing this long after it was queued is given up (dead-lettered). */
  maxAgeMs: number;
}

/**
 * The wait before the next attempt after `failedAttempts` failures (1-based): exponential from
 * initialMs, doubling, capped at maxDelayMs, with "equal jitter" — uniformly in [d/2, d] for that
 * capped d. Jitter spreads the retries of many notifications that failed together (a receiver
 * down for everyone), so they do not all arrive at the moment it comes back. Full jitter ([0, d])
 * would spread further but can retry a struggling receiver at once; keeping half the wait gives
 * it room. The configured values stay upper bounds: nobody waits longer than maxDelayMs.
 */
export function retryDelay(failedAttempts: number, policy: Pick<RetryPolicy, 'initialMs' | 'maxDelayMs'>, random: () => number): number {
  const doublings = Math.max(0, failedAttempts - 1);
  // 2 ** 1100 is Infinity and Math.min keeps the cap, so a long-failing row never overflows.
  const capped = Math.min(policy.maxDelayMs, policy.initialMs * 2 ** doublings);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
