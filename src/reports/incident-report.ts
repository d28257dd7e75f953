import type { Incident } from '../incidents/index.ts';
import { roundPercent } from './availability.ts';

export interface TargetCompliance {
  met: number;
  missed: number;
  /** Open and not yet due: neither met nor missed, so left out of the ratio. */
  pending: number;
  /** met / (met + missed); null when no incident had a decided target. */
  ratio: number | null;
  percent: number | null;
}

export interface IncidentFigures {
  count: number;
  acknowledged: number;
  resolved: number;
  /** Mean time to acknowledge, over acknowledged incidents. */
  mttaMs: number | null;
  /** Mean time to resolve (opened to resolved), over resolved incidents. */
  mttrMs: number | null;
  respond: TargetCompliance;
  resolve: TargetCompliance;
}

export interface IncidentReport extends IncidentFigures {
  from: number;
  to: number;
  bySeverity: Record<string, IncidentFigures>;
}

type Outcome = 'met' | 'missed' | 'pending' | 'none';

/**
 * A target is met when it was done by its due time and no breach was recorded (a recorded breach
 * stands even if a severity change later moved the due time). Resolving without acknowledging
 * counts as the response, as it does for breaches (src/incidents/due-times.ts).
 */
function outcome(dueAt: number | null, doneAt: number | null, breachedAt: number | null, now: number): Outcome {
  if (dueAt === null) return 'none';
  if (breachedAt !== null) return 'missed';
  if (doneAt !== null) return doneAt <= dueAt ? 'met' : 'missed';
  return now > dueAt ? 'missed' : 'pending';
}

function compliance(outcomes: Outcome[]): TargetCompliance {
  const met = outcomes.filter((o) => o === 'met').length;
  const missed = outcomes.filter((o) => o === 'missed').length;
  const ratio = met + missed > 0 ? met / (met + missed) : null;
  return { met, missed, pending: outcomes.filter((o) => o === 'pending').length, ratio, percent: ratio === null ? null : roundPercent(ratio) };
}

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

function incidentFigures(incidents: readonly Incident[], now: number): IncidentFigures {
  const acked = incidents.filter((i) => i.acknowledgedAt !== null);
  const resolved = incidents.filter((i) => i.resolvedAt !== null);
  return {
    count: incidents.length,
    acknowledged: acked.length,
    resolved: resolved.length,
    mttaMs: mean(acked.map((i) => i.acknowledgedAt! - i.openedAt)),
    mttrMs: mean(resolved.map((i) => i.resolvedAt! - i.openedAt)),
    respond: compliance(incidents.map((i) => outcome(i.respondBy, i.acknowledgedAt ?? i.resolvedAt, i.respondBreachedAt, now))),
    resolve: compliance(incidents.map((i) => outcome(i.resolveBy, i.resolvedAt, i.resolveBreachedAt, now))),
  };
}

/** MTTA, MTTR and response-target compliance over the incidents opened in [from, to). */
export function incidentReport(incidents: readonly Incident[], from: number, to: number, now: number): IncidentReport {
  const inPeriod = incidents.filter((i) => i.openedAt >= from && i.openedAt < to);
  const severities = [...new Set(inPeriod.map((i) => i.severity))].sort();
  return {
    from, to, ...incidentFigures(inPeriod, now),
    bySeverity: Object.fromEntries(severities.map((s) => [s, incidentFigures(inPeriod.filter((i) => i.severity === s), now)])),
  };
}
