import type { ColumnType, Generated } from 'kysely';
import type { AlertSource } from './ports.ts';

/**
 * The tables as Kysely sees them, shared by both dialects. Columns are snake_case; the
 * repositories map rows to the camelCase records of the ports. Times are epoch ms (BIGINT on
 * PostgreSQL, parsed back to numbers by the pool; INTEGER on SQLite).
 */

/** SQLite has no boolean type and returns 0/1; PostgreSQL returns true/false. Read with Boolean(). */
type Flag = ColumnType<boolean | number, boolean, boolean>;

export interface CheckResultsTable {
  id: Generated<number>;
  check_id: string;
  at: number;
  duration_ms: number;
  ok: Flag;
  error: string | null;
  /** JSON text of ConditionResult[]. */
  conditions: string;
}

export interface CheckStateChangesTable {
  id: Generated<number>;
  check_id: string;
  at: number;
  ok: Flag;
  reason: string;
}

export interface CheckRollupsTable {
  check_id: string;
  bucket: 'minute' | 'hour';
  bucket_start: number;
  runs: number;
  failures: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface AlertsTable {
  rule_id: string;
  state: 'inactive' | 'pending' | 'firing' | 'resolved';
  active_since: number | null;
  fired_at: number | null;
  resolved_at: number | null;
  value: string;
  updated_at: number;
}

export interface IncidentsTable {
  id: Generated<number>;
  key: string | null;
  title: string;
  service: string | null;
  severity: string;
  status: string;
  opened_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  respond_by: number | null;
  resolve_by: number | null;
  respond_breached_at: number | null;
  resolve_breached_at: number | null;
  runbook: string | null;
  updated_at: number;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: number;
  at: number;
  kind: string;
  actor: string;
  message: string;
  /** JSON text or null. */
  data: string | null;
}

export interface TokensTable {
  id: Generated<number>;
  name: string;
  role: 'viewer' | 'responder' | 'admin';
  hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string;
  data: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  key: string;
  incident_id: number | null;
  channel: string;
  recipient: string | null;
  /** JSON text of NotificationMessage. */
  message: string;
  status: 'pending' | 'sent' | 'dead' | 'cancelled';
  attempts: Generated<number>;
  created_at: number;
  not_before: number;
  next_attempt_at: number;
  last_error: string | null;
  finished_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
}

export interface NotificationAttemptsTable {
  id: Generated<number>;
  notification_id: number;
  at: number;
  attempt: number;
  outcome: 'sent' | 'failed' | 'failed-final';
  detail: string;
  duration_ms: number;
}

export interface EscalationsTable {
  incident_id: number;
  policy: string;
  started_at: number;
  next_step: number;
  next_at: number | null;
  state: 'active' | 'held' | 'stopped';
  reason: string | null;
  updated_at: number;
  lease_owner: string | null;
  lease_until: number | null;
}

export interface SilencesTable {
  id: Generated<number>;
  /** JSON text of Matcher[]. */
  matchers: string;
  starts_at: number;
  ends_at: number;
  author: string;
  comment: string;
  created_at: number;
  expired_at: number | null;
  notice_sent_at: number | null;
}

export interface ScheduleOverridesTable {
  id: Generated<number>;
  schedule: string;
  /** "user" is reserved in PostgreSQL. */
  user_id: string;
  from_at: number;
  to_at: number;
  created_by: string;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ExternalAlertsTable {
  key: string;
  /** AlertSource: the check in 003-inbound, widened by later migrations. */
  source: AlertSource;
  integration: string;
  service: string;
  severity: string;
  status: 'firing' | 'resolved';
  summary: string;
  /** JSON text of Record<string, string>. */
  labels: string;
  /** JSON text of AlertDetails. */
  details: string;
  fired_at: number;
  last_event_at: number;
  resolved_at: number | null;
  events: number;
}

/** Alert transitions accepted and committed but not yet through the pipeline (migration 008). */
export interface AlertTransitionsTable {
  id: Generated<number>;
  alert_key: string;
  transition: 'firing' | 'resolved' | 'acknowledged';
  /** Who acknowledged (an acknowledge only). */
  actor: string | null;
  queued_at: number;
}

export interface InboundEventsTable {
  id: Generated<number>;
  source: 'events-v2' | 'events-v2-change' | 'alertmanager' | 'changes-api';
  integration: string;
  action: string;
  alert_key: string | null;
  /** The request body as received. */
  body: string;
  received_at: number;
}

export interface ChangeEventsTable {
  id: Generated<number>;
  service: string | null;
  summary: string;
  origin: string;
  source: string | null;
  at: number;
  /** JSON text of the links. */
  links: string;
  /** JSON text; "null" when the sender gave none. */
  custom_details: string;
}

export interface IntegrationKeysTable {
  id: Generated<number>;
  integration: string;
  hash: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
}

export interface StatusUpdatesTable {
  id: Generated<number>;
  incident_id: number;
  at: number;
  status: string;
  visibility: 'public' | 'internal';
  message: string;
  author: string;
  /** JSON text of string[] (component ids). */
  components: string;
}

export interface SubscribersTable {
  id: Generated<number>;
  kind: 'email' | 'webhook';
  address: string;
  /** JSON text of string[] (component ids); "[]" for every component. */
  components: string;
  token: string;
  created_at: number;
  confirmed_at: number | null;
  unsubscribed_at: number | null;
}

export interface MaintenanceChangesTable {
  id: Generated<number>;
  /** MaintenanceChange.window ("window" is reserved in PostgreSQL). */
  window_key: string;
  occurrence_start: number;
  kind: 'end-early' | 'extend' | 'create';
  ends_at: number;
  /** JSON text or null. */
  spec: string | null;
  changed_by: string;
  changed_at: number;
}

export interface MaintenanceAnnouncementsTable {
  window_key: string;
  occurrence_start: number;
  announced_at: number;
}

export interface PostmortemsTable {
  incident_id: number;
  body: string;
  state: 'draft' | 'published';
  created_at: number;
  updated_at: number;
  updated_by: string;
}

export interface PostmortemActionsTable {
  id: Generated<number>;
  incident_id: number;
  title: string;
  owner: string;
  due_at: number | null;
  done_at: number | null;
  reminded_at: number | null;
  created_at: number;
}

export interface RunbookRunsTable {
  id: Generated<number>;
  runbook: string;
  title: string;
  incident_id: number | null;
  routine: string | null;
  /** JSON text of Record<string, string>, secret values masked. */
  params: string;
  status: 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
  started_at: number;
  ended_at: number | null;
  actor: string;
  dry_run: Flag;
  owner: string;
}

export interface RunbookRunStepsTable {
  run_id: number;
  step_index: number;
  kind: 'shell' | 'manual' | 'shown';
  status: 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  exit_code: number | null;
  started_at: number | null;
  ended_at: number | null;
  actor: string | null;
  note: string | null;
}

export interface RunbookRunEventsTable {
  run_id: number;
  seq: number;
  at: number;
  kind: 'step' | 'output' | 'run';
  step_index: number | null;
  stream: string | null;
  status: string | null;
  exit_code: number | null;
  text: string | null;
}

export interface RoutineTasksTable {
  id: Generated<number>;
  routine: string;
  scheduled_at: number;
  kind: 'runbook' | 'checklist';
  title: string;
  assignee: string | null;
  created_at: number;
  due_at: number | null;
  completed_at: number | null;
  alerted_at: number | null;
  missed: number;
  run_id: string | null;
  outcome: string | null;
}

export interface RoutineTaskItemsTable {
  task_id: number;
  idx: number;
  text: string;
  done_at: number | null;
  done_by: string | null;
  note: string | null;
}

export interface MigrationsTable {
  name: string;
  applied_at: number;
}

export interface HeartbeatPingsTable {
  id: Generated<number>;
  heartbeat: string;
  kind: 'success' | 'start' | 'fail' | 'log';
  exit_status: number | null;
  rid: string | null;
  duration_ms: number | null;
  method: string;
  /** The request body, truncated to the ping body limit. */
  body: string;
  /** The body's size as sent, before truncation. */
  body_bytes: number;
  received_at: number;
}

export interface HeartbeatStatesTable {
  heartbeat: string;
  status: 'new' | 'up' | 'down';
  /** JSON text of HeartbeatState. */
  state: string;
  updated_at: number;
}

export interface StoreTables {
  check_results: CheckResultsTable;
  check_state_changes: CheckStateChangesTable;
  check_rollups: CheckRollupsTable;
  alerts: AlertsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  tokens: TokensTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  notification_attempts: NotificationAttemptsTable;
  escalations: EscalationsTable;
  silences: SilencesTable;
  schedule_overrides: ScheduleOverridesTable;
  settings: SettingsTable;
  external_alerts: ExternalAlertsTable;
  inbound_events: InboundEventsTable;
  alert_transitions: AlertTransitionsTable;
  change_events: ChangeEventsTable;
  integration_keys: IntegrationKeysTable;
  status_updates: StatusUpdatesTable;
  subscribers: SubscribersTable;
  maintenance_changes: MaintenanceChangesTable;
  maintenance_announcements: MaintenanceAnnouncementsTable;
  postmortems: PostmortemsTable;
  postmortem_actions: PostmortemActionsTable;
  runbook_runs: RunbookRunsTable;
  runbook_run_steps: RunbookRunStepsTable;
  runbook_run_events: RunbookRunEventsTable;
  routine_tasks: RoutineTasksTable;
  routine_task_items: RoutineTaskItemsTable;
  heartbeat_pings: HeartbeatPingsTable;
  heartbeat_states: HeartbeatStatesTable;
  opsdeck_migrations: MigrationsTable;
}
