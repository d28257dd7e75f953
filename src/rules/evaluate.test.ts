import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.ts';
import { evaluateRule, INACTIVE, type AlertState } from './evaluate.ts';
import type { WhenCondition } from './when.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const result = (sec: number, ok: boolean, durationMs = 10): CheckResult => ({
  checkId: 'api/health', at: T0 + sec * 1000, durationMs, ok, error: null, conditions: [],
});

/** Feeds results one by one (each evaluated at its own time), returning the states seen. */
function run(when: WhenCondition, runs: Array<[number, boolean, number?]>, keep = 10) {
  let state: AlertState = INACTIVE;
  const seen: string[] = [];
  const buffer: CheckResult[] = [];
  for (const [sec, ok, ms] of runs) {
    buffer.push(result(sec, ok, ms));
    if (buffer.length > keep) buffer.shift();
    const { next, transition } = evaluateRule(when, state, buffer, T0 + sec * 1000);
    state = next;
    seen.push(`${sec}:${next.state}${transition ? '!' : ''}`);
  }
  return { seen, state };
}

describe('evaluateRule', () => {
  const failingFor6s: WhenCondition = { kind: 'failing', check: 'api/health', forMs: 6000 };

  it('goes pending, then fires once the condition held for `for`, then resolves', () => {
    const { seen, state } = run(failingFor6s, [[0, true], [2, false], [4, false], [6, false], [8, false], [10, false], [12, true]], 1);
    expect(seen).toEqual(['0:inactive', '2:pending!', '4:pending', '6:pending', '8:firing!', '10:firing', '12:resolved!']);
    expect(state.firedAt).toBe(T0 + 8000);
    expect(state.resolvedAt).toBe(T0 + 12_000);
  });

  it('counts `for` in scheduled runs: the fourth failing run fires even when jitter puts it a few ms short of 6 s', () => {
    const { seen } = run(failingFor6s, [[0, true], [2.004, false], [4, false], [5.998, false]], 1);
    expect(seen).toEqual(['0:inactive', '2.004:pending!', '4:pending', '5.998:pending']);
    const late = run(failingFor6s, [[0, true], [2.004, false], [4, false], [6, false], [8.001, false]], 1);
    expect(late.seen.at(-2)).toBe('6:pending');
    expect(late.seen.at(-1)).toBe('8.001:firing!');
    const jittered = run(failingFor6s, [[0, true], [2.004, false], [4, false], [6, false], [7.998, false]], 1);
    expect(jittered.seen.at(-1)).toBe('7.998:firing!');
  });

  it('a pending alert whose condition stops holding returns to inactive without firing', () => {
    const { seen } = run(failingFor6s, [[0, false], [2, false], [4, true], [6, false]], 1);
    expect(seen).toEqual(['0:pending!', '2:pending', '4:inactive!', '6:pending!']);
  });

  it('fires at once when for is zero', () => {
    const { seen } = run({ kind: 'failing', check: 'api/health', forMs: 0 }, [[0, true], [2, false]], 1);
    expect(seen).toEqual(['0:inactive', '2:firing!']);
  });

  it('keeps firedAt while firing and starts a new episode after resolving', () => {
    const when: WhenCondition = { kind: 'failing', check: 'api/health', forMs: 0 };
    const { seen, state } = run(when, [[0, false], [2, false], [4, true], [6, false]], 1);
    expect(seen).toEqual(['0:firing!', '2:firing', '4:resolved!', '6:firing!']);
    expect(state.firedAt).toBe(T0 + 6000);
  });

  it('N of last M counts failures in the window', () => {
    const when: WhenCondition = { kind: 'failing_n_of_m', check: 'api/health', n: 3, m: 5, forMs: 0 };
    const { seen, state } = run(when, [[0, false], [2, true], [4, false], [6, true], [8, false], [10, true], [12, true]], 5);
    expect(seen).toEqual(['0:inactive', '2:inactive', '4:inactive', '6:inactive', '8:firing!', '10:resolved!', '12:resolved']);
    expect(state.value).toBe('2 of last 5 runs failed');
  });

  it('slow fires when every run stays above the threshold for `for`', () => {
    const when: WhenCondition = { kind: 'slow', check: 'api/health', thresholdMs: 500, forMs: 4000 };
    const { seen } = run(when, [[0, true, 600], [2, true, 700], [4, true, 100], [6, true, 900], [8, true, 900], [10, true, 900]], 1);
    expect(seen).toEqual(['0:pending!', '2:pending', '4:inactive!', '6:pending!', '8:pending', '10:firing!']);
  });

  it('remembers when the streak began even when the buffer no longer reaches it (restart)', () => {
    const prev: AlertState = { state: 'pending', activeSince: T0, firedAt: null, resolvedAt: null, value: '' };
    const { next, transition } = evaluateRule(failingFor6s, prev, [result(7, false)], T0 + 7000);
    expect(next.state).toBe('firing');
    expect(next.activeSince).toBe(T0);
    expect(transition).toBe('firing');
  });

  it('no results is inactive', () => {
    expect(evaluateRule(failingFor6s, INACTIVE, [], T0)).toEqual({ next: INACTIVE, transition: null });
  });
});
