import type { CheckResult } from '../checks/check-result.ts';
import type { WhenCondition } from './when.ts';

export type AlertStateName = 'inactive' | 'pending' | 'firing' | 'resolved';

export interface AlertState {
  state: AlertStateName;
  /** When the condition started holding, while pending or firing. */
  activeSince: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  /** What the last evaluation saw, for people: "3 of last 5 runs failed". */
  value: string;
}

export type AlertTransition = 'pending' | 'firing' | 'resolved' | 'inactive';

export interface Evaluation {
  next: AlertState;
  /** Set when the state name changed. */
  transition: AlertTransition | null;
}

export const INACTIVE: AlertState = { state: 'inactive', activeSince: null, firedAt: null, resolvedAt: null, value: 'no results yet' };

interface Activity {
  active: boolean;
  /** When the current streak began, if the results show it. */
  since: number | null;
  value: string;
}

/** Start of the trailing run of results matching `hit`, or null when the newest does not match. */
function trailingStreak(results: readonly CheckResult[], hit: (r: CheckResult) => boolean): { since: number; count: number } | null {
  let since: number | null = null;
  let count = 0;
  for (let i = results.length - 1; i >= 0 && hit(results[i]!); i--) {
    since = results[i]!.at;
    count++;
  }
  return since === null ? null : { since, count };
}

function activity(when: WhenCondition, results: readonly CheckResult[]): Activity {
  const latest = results.at(-1);
  if (!latest) return { active: false, since: null, value: 'no results yet' };
  switch (when.kind) {
    case 'failing': {
      const streak = trailingStreak(results, (r) => !r.ok);
      return streak
        ? { active: true, since: streak.since, value: `failing for the last ${streak.count} run${streak.count === 1 ? '' : 's'}` }
        : { active: false, since: null, value: 'passing' };
    }
    case 'failing_n_of_m': {
      const window = results.slice(-when.m);
      const failed = window.filter((r) => !r.ok).length;
      return { active: failed >= when.n, since: latest.at, value: `${failed} of last ${window.length} runs failed` };
    }
    case 'slow': {
      const streak = trailingStreak(results, (r) => r.durationMs > when.thresholdMs);
      const value = `last run took ${latest.durationMs}ms (threshold ${when.thresholdMs}ms)`;
      return streak ? { active: true, since: streak.since, value } : { active: false, since: null, value };
    }
  }
}

/**
 * Results are taken on a schedule, and each run starts a few ms early or late: "failing for 6s" at
 * a 2 s interval means the fourth failing run, whether it lands 5.998 s or 6.003 s after the first.
 * Without this, scheduler jitter alone decided whether the alert fired then or one interval later.
 * Far below the 1 s minimum interval, so it never counts a whole run too few.
 */
export const SCHEDULE_JITTER_MS = 250;

/**
 * One evaluation of one rule: a pure function of (rule, previous state, the
 * check's recent results oldest first, now). Prometheus `for` semantics: the
 * condition must hold continuously for forMs before the alert fires; while it
 * holds for less, the alert is pending; a pending alert whose condition stops
 * holding goes back to inactive without ever firing.
 */
export function evaluateRule(when: WhenCondition, prev: AlertState, results: readonly CheckResult[], now: number): Evaluation {
  const seen = activity(when, results);
  const wasActive = prev.state === 'pending' || prev.state === 'firing';
  let next: AlertState;
  if (seen.active) {
    // Once active, the streak's start is what the state remembers: the results
    // buffer is bounded and may no longer reach back to it.
    const since = wasActive && prev.activeSince !== null ? prev.activeSince : (seen.since ?? now);
    const firing = when.forMs === 0 || now - since >= when.forMs - SCHEDULE_JITTER_MS;
    next = firing
      ? { state: 'firing', activeSince: since, firedAt: prev.state === 'firing' ? prev.firedAt : now, resolvedAt: null, value: seen.value }
      : { state: 'pending', activeSince: since, firedAt: null, resolvedAt: null, value: seen.value };
  } else if (prev.state === 'firing') {
    next = { state: 'resolved', activeSince: null, firedAt: prev.firedAt, resolvedAt: now, value: seen.value };
  } else if (prev.state === 'pending') {
    next = { ...INACTIVE, value: seen.value };
  } else {
    next = { ...prev, value: seen.value };
  }
  return { next, transition: next.state === prev.state ? null : next.state };
}

/** How many recent results a rule needs to see to decide. */
export function resultsNeeded(when: WhenCondition): number {
  return when.kind === 'failing_n_of_m' ? when.m : 1;
}
