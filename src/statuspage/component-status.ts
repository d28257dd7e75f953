/** What a status page says about a component, from best to worst (maintenance is announced, not a failure). */
export type ComponentStatus = 'operational' | 'maintenance' | 'degraded' | 'partial' | 'major';

/** What the component's services show right now. */
export interface ComponentSignals {
  /** Checks with a known state (a check without a result yet says nothing). */
  checksKnown: number;
  checksFailing: number;
  /** Severity rank of each firing alert: 0 is the config's first (most severe) severity; -1 unknown. */
  firingAlertRanks: readonly number[];
  /** Severity rank of each open incident on the component's services. */
  openIncidentRanks: readonly number[];
  /** An active maintenance window covers the component. */
  inMaintenance: boolean;
}

export const STATUS_LABELS: Readonly<Record<ComponentStatus, string>> = {
  operational: 'Operational',
  maintenance: 'Under maintenance',
  degraded: 'Degraded performance',
  partial: 'Partial outage',
  major: 'Major outage',
};

const ORDER: readonly ComponentStatus[] = ['operational', 'maintenance', 'degraded', 'partial', 'major'];

export function worse(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * The most severe severity means a major outage, the next a partial one, the rest degraded
 * performance: a team's P1 is "the service is down" in every procedure we know, P2 "a part is".
 * A severity the config no longer has (an incident opened before a reload) counts as degraded.
 */
export function severityStatus(rank: number): ComponentStatus {
  if (rank === 0) return 'major';
  if (rank === 1) return 'partial';
  return 'degraded';
}

/**
 * A component's status: a running maintenance window wins (its failures are expected and
 * announced); otherwise the worst of its checks (all failing: major, some: partial), its firing
 * alerts and its open incidents by severity.
 */
export function componentStatus(s: ComponentSignals): ComponentStatus {
  if (s.inMaintenance) return 'maintenance';
  let status: ComponentStatus = 'operational';
  if (s.checksFailing > 0) status = s.checksFailing >= s.checksKnown ? 'major' : 'partial';
  for (const rank of [...s.firingAlertRanks, ...s.openIncidentRanks]) status = worse(status, severityStatus(rank));
  return status;
}

/** The banner: the worst component; "maintenance" only when nothing is worse. */
export function overallStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>(worse, 'operational');
}

export const OVERALL_LABELS: Readonly<Record<ComponentStatus, string>> = {
  operational: 'All systems operational',
  maintenance: 'Maintenance in progress',
  degraded: 'Degraded performance',
  partial: 'Partial outage',
  major: 'Major outage',
};
