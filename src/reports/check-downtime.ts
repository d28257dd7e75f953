import type { CheckStateChange } from '../checks/check-result.ts';
import { clipIntervals, intersectAll, mergeIntervals, type Interval } from './interval-set.ts';

/**
 * When one check was failing within [from, to), from its state changes in any order. Its state at
 * `from` is that of the last change at or before it; a check with no change before `from` counts as
 * passing then, because nothing was known to be down. A repeated change to the same state (a restart
 * records a failing check's first result again) changes nothing.
 */
export function failingIntervals(changes: readonly CheckStateChange[], from: number, to: number): Interval[] {
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const out: Interval[] = [];
  let failingSince: number | null = null;
  for (const change of sorted) {
    if (!change.ok && failingSince === null) failingSince = change.at;
    else if (change.ok && failingSince !== null) {
      out.push({ start: failingSince, end: change.at });
      failingSince = null;
    }
  }
  if (failingSince !== null) out.push({ start: failingSince, end: to });
  return clipIntervals(out, from, to);
}

export interface ScopeDowntime {
  /** Some check of the scope failing: this is downtime. */
  down: Interval[];
  /** Every check of the scope failing at once: a major outage rather than a partial one. */
  allDown: Interval[];
}

/**
 * Downtime of a service or component from its checks. Only a failing check counts: a slow but
 * passing check, or an incident with every check passing, is not downtime (a check's conditions
 * are where a team says what "working" means).
 */
export function scopeDowntime(changesByCheck: ReadonlyMap<string, readonly CheckStateChange[]>, from: number, to: number): ScopeDowntime {
  const perCheck = [...changesByCheck.values()].map((changes) => failingIntervals(changes, from, to));
  return { down: mergeIntervals(perCheck.flat()), allDown: intersectAll(perCheck) };
}
