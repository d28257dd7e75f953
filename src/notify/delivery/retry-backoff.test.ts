import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-backoff.ts';

const policy = { initialMs: 10_000, maxDelayMs: 300_000 };

describe('retryDelay', () => {
  it.each([
    // failures, random, delay: doubling from 10s, capped at 5m, uniformly in [d/2, d]
    [1, 1, 10_000],
    [1, 0, 5_000],
    [1, 0.5, 7_500],
    [2, 1, 20_000],
    [3, 1, 40_000],
    [4, 1, 80_000],
    [5, 1, 160_000],
    [6, 1, 300_000],
    [6, 0, 150_000],
    [7, 1, 300_000],
    [50, 1, 300_000],
    [2_000, 0.25, 187_500],
    // A row that never failed (attempt 0) waits like the first failure.
    [0, 1, 10_000],
  ])('after %i failures with random %f waits %i ms', (failures, random, delay) => {
    expect(retryDelay(failures, policy, () => random)).toBe(delay);
  });

  it('never waits more than the cap or less than half of it once capped', () => {
    for (let failures = 1; failures < 40; failures++) {
      for (const random of [0, 0.1, 0.9, 0.999]) {
        const delay = retryDelay(failures, policy, () => random);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(delay).toBeGreaterThanOrEqual(policy.initialMs / 2);
      }
    }
  });
});
