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

/**
 * escalation: a level notified, a policy started, stopped or reassigned; delivery: one attempt of a
 * notification; muted: an alert held back by a silence, maintenance window or inhibiting alert;
 * runbook: a run linked to the incident started, a step of it ended, or it finished.
 */
export type TimelineKind = 'opened' | 'status' | 'note' | 'alert' | 'severity' | 'breach' | 'escalation' | 'delivery' | 'muted' | 'runbook';

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
  /** Changes of its service (and of none) from two hours before it opened until it resolved, newest first. */
  changesBefore?: ChangeEvent[];
  /** The other tool's alert that opened it (Events API v2, Alertmanager, a Prometheus rule), when one did. */
  externalAlert?: ExternalAlert | null;
}

// Changes and other tools' alerts

export interface ChangeEvent {
  id: number;
  /** null: tied to no service, shown on every service and incident of its time. */
  service: string | null;
  summary: string;
  /** "token:<name>" for the native API, else the integration id. */
  origin: string;
  source: string | null;
  at: number;
  links: { href: string; text?: string }[];
  customDetails: unknown;
}

export interface ExternalAlert {
  key: string;
  source: 'events-v2' | 'alertmanager' | 'prometheus';
  integration: string;
  service: string;
  severity: string;
  status: 'firing' | 'resolved';
  summary: string;
  labels: Record<string, string>;
  details: {
    source: string | null;
    component: string | null;
    group: string | null;
    class: string | null;
    customDetails: unknown;
    links: { href: string; text?: string }[];
    images: { src: string; href?: string; alt?: string }[];
    client: string | null;
    clientUrl: string | null;
    annotations: Record<string, string>;
    generatorUrl: string | null;
    startedAt: number | null;
  };
  firedAt: number;
  lastEventAt: number;
  resolvedAt: number | null;
  events: number;
}

export interface AlertView {
  ruleId: string;
  name: string;
  severity: string;
  state: 'inactive' | 'pending' | 'firing' | 'resolved';
  value: string;
  activeSince: number | null;
}

/** GET /services/:id */
export interface ServiceDetail extends ServiceSummary {
  alerts: AlertView[];
  changes: ChangeEvent[];
}

export interface ConfigStatus {
  ok: boolean;
  loadedAt: number | null;
  directory: string;
  errors: string[];
  lastAttemptAt: number | null;
}

// On call

export interface PersonRef {
  id: string;
  name: string;
}

export interface ScheduleSummary {
  id: string;
  name: string;
  timezone: string;
  layers: { name: string; members: PersonRef[] }[];
  onCall: { user: string; name: string; until: number | null } | null;
}

export interface ScheduleList {
  items: ScheduleSummary[];
}

export interface Shift {
  user: string | null;
  name: string | null;
  from: number;
  to: number;
  source: 'layer' | 'override' | null;
  layer: string | null;
}

export interface Override {
  /** Null for overrides written in config: only API-made ones can be removed here. */
  id: number | null;
  user: string;
  name: string;
  from: number;
  to: number;
  origin: 'config' | 'api';
  createdBy: string | null;
}

export interface ScheduleShifts {
  schedule: { id: string; name: string; timezone: string };
  from: number;
  to: number;
  final: Shift[];
  layers: { name: string; shifts: Shift[] }[];
  overrides: Override[];
}

export interface ScheduleOnCall {
  schedule: { id: string; name: string; timezone: string } | string;
  at: number;
  onCall: { user: string; name: string; from: number; to: number; source: Shift['source']; layer: string | null } | null;
}

export interface User {
  id: string;
  name: string;
  timezone: string;
  email: string | null;
  contacts: { id: string; type: string }[];
  feedUrl: string | null;
}

export interface UserList {
  items: User[];
}

// Silences

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Silence {
  id: number;
  matchers: { label: string; op: MatchOp; value: string }[];
  startsAt: number;
  endsAt: number;
  author: string;
  comment: string;
  createdAt: number;
  expiredAt: number | null;
  state: 'pending' | 'active' | 'expired';
  expiringSoon: boolean;
}

export interface SilencePage {
  items: Silence[];
  total: number;
}

// Notifications

export const NOTIFICATION_STATUSES = ['dead', 'pending', 'sent', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface Notification {
  id: number;
  key: string;
  incidentId: number | null;
  channel: string;
  recipient: string | null;
  status: NotificationStatus;
  attempts: number;
  createdAt: number;
  notBefore: number | null;
  nextAttemptAt: number | null;
  lastError: string | null;
  finishedAt: number | null;
  message: { kind: string; [field: string]: unknown };
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  counts: Record<NotificationStatus, number>;
}

export interface DeliveryAttempt {
  attempt: number;
  at: number;
  outcome: 'sent' | 'failed' | 'failed-final';
  detail: string | null;
  durationMs: number | null;
}

export interface NotificationDetail {
  notification: Notification;
  attempts: DeliveryAttempt[];
}

// Escalation

export interface EscalationTarget {
  kind: string;
  id: string;
}

export interface EscalationPolicy {
  id: string;
  levels: { afterMs: number; targets: EscalationTarget[] }[];
  repeat: number;
  repeatAfterMs: number;
}

export interface EscalationState {
  policy: string;
  startedAt: number;
  /** Index of the next step in the policy's levels repeated round after round (level = nextStep % levels). */
  nextStep: number;
  /** When nextStep is due; null when nothing is left to do. */
  nextAt: number | null;
  state: 'active' | 'held' | 'stopped';
  reason: string | null;
}

export interface IncidentEscalation {
  escalation: EscalationState | null;
  policy: EscalationPolicy | null;
}
