import type { CheckStateChange } from '../checks/check-result.ts';
import type { ResultsStore } from '../store/index.ts';
import { availabilityReport, type AvailabilityReport } from './availability.ts';
import { scopeDowntime } from './check-downtime.ts';
import type { Interval } from './interval-set.ts';
import type { ResolvedScope } from './report-scope.ts';

/** Maintenance that applied to these services or components within [from, to), as it really ran. */
export type MaintenanceIntervals = (scope: { services: readonly string[]; components: readonly string[] }, from: number, to: number) => Promise<Interval[]>;

/**
 * State changes are kept for good and only happen on transitions, so this many per check covers
 * years of a flapping check; a report past it sees the check as passing before its oldest change.
 */
const STATE_CHANGES_PER_CHECK = 100_000;

/** Gathers the scope's state changes and maintenance, then computes the report (pure from there on). */
export async function loadAvailability(
  deps: { results: Pick<ResultsStore, 'stateChanges'>; maintenance: MaintenanceIntervals },
  scope: ResolvedScope, from: number, to: number, zone: string,
): Promise<AvailabilityReport> {
  const changes = new Map<string, CheckStateChange[]>();
  for (const check of scope.checks) {
    const all = await deps.results.stateChanges(check, STATE_CHANGES_PER_CHECK);
    changes.set(check, all.filter((c) => c.at < to));
  }
  const maintenance = await deps.maintenance({ services: scope.services, components: scope.components }, from, to);
  return availabilityReport({ from, to, zone, downtime: scopeDowntime(changes, from, to), maintenance });
}
