export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface Incident {
  id: number;
  /** Dedup key: the alert rule id ("<service>/<rule>") for alert-opened incidents. At most one unresolved incident per key. */
  key: string | null;
  title: string;
  service: string | null;
  severity: string;
  status: IncidentStatus;
  openedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  /** Due times from the severity's respond_within / resolve_within. */
  respondBy: number | null;
  resolveBy: number | null;
  respondBreachedAt: number | null;
  resolveBreachedAt: number | null;
  runbook: string | null;
  updatedAt: number;
}

/**
 * escalation: a level notified, a policy started, stopped or reassigned; delivery: one attempt of a
 * notification (the delivery log); muted: an alert recorded while a silence, maintenance window or
 * inhibiting alert held its notifications back.
 */
export type TimelineKind = 'opened' | 'status' | 'note' | 'alert' | 'severity' | 'breach' | 'escalation' | 'delivery' | 'muted'
  // A status update posted (internal or public), and a reminder that a public one is due.
  | 'update' | 'reminder'
  // A runbook run linked to the incident: started, each step's result (diagnostics with their output), finished.
  | 'runbook';

export interface TimelineEvent {
  id: number;
  incidentId: number;
  at: number;
  kind: TimelineKind;
  /** "alert:<rule>", "token:<name>", "system". */
  actor: string;
  message: string;
  data: Record<string, unknown> | null;
}

export type NewTimelineEvent = Omit<TimelineEvent, 'id' | 'incidentId'>;
export type NewIncident = Omit<Incident, 'id' | 'updatedAt'>;
