// The wire format of /api/v1 as documented in docs/api.md. The console is a client of that
// document, not of the server's internals, so these types mirror the document and nothing in src/.
// Times are epoch milliseconds.

export type Role = 'viewer' | 'responder' | 'admin';

export interface Me {
  name: string;
  role: Role;
}

export type ServiceStatus = 'up' | 'down' | 'unknown';

export interface ConditionResult {
  text: string;
  ok: boolean;
}

export interface CheckSummary {
  id: string;
  name: string;
  type: string;
  ok: boolean | null;
  lastAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  conditions: ConditionResult[];
  /** When the check entered its current state. Served by src/http but not yet in docs/api.md, so optional. */
  since?: number | null;
}

export interface ServiceSummary {
  id: string;
  name: string;
  component: string | null;
  status: ServiceStatus;
  checks: CheckSummary[];
  openIncidents: number;
}

export interface ServicePage {
  items: ServiceSummary[];
  total: number;
  counts: Record<ServiceStatus, number>;
}

export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The statuses a responder may set by hand; acknowledge and resolve have their own routes. */
export const SETTABLE_STATUSES = ['investigating', 'identified', 'monitoring'] as const;

export interface Incident {
  id: number;
  key: string | null;
  title: string;
  service: string | null;
  severity: string;
  status: IncidentStatus;
  openedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  respondBy: number | null;
  resolveBy: number | null;
  respondBreachedAt: number | null;
  resolveBreachedAt: number | null;
  runbook: string | null;
  updatedAt: number;
}

export interface IncidentPage {
  items: Incident[];
  total: number;
}

export type TimelineKind = 'opened' | 'status' | 'note' | 'alert' | 'severity' | 'breach';

export interface TimelineEvent {
  id: number;
  incidentId: number;
  at: number;
  kind: TimelineKind;
  actor: string;
  message: string;
  data: Record<string, unknown> | null;
}

export interface IncidentDetail {
  incident: Incident;
  timeline: TimelineEvent[];
}

export interface ConfigStatus {
  ok: boolean;
  loadedAt: number | null;
  directory: string;
  errors: string[];
  lastAttemptAt: number | null;
}
