import type { CheckResult, CheckRollup, CheckStateChange } from '../checks/check-result.ts';
import type { Incident, IncidentStatus, NewIncident, NewTimelineEvent, TimelineEvent } from '../incidents/incident.ts';
import type { NotificationMessage } from '../notify/notify-types.ts';
import type { Matcher } from '../pipeline/label-matcher.ts';
import type { HeartbeatState } from '../heartbeats/heartbeat-state.ts';

/**
 * One interface per aggregate. Each has exactly one SQL implementation that
 * runs on both SQLite and PostgreSQL; dialect differences live in migrations
 * and in src/store/dialect/.
 */

export interface Retention {
  /** Raw results newer than this are kept as they are. */
  rawMs: number;
  /** Minute rollups kept this long, then folded into hour rollups. */
  minuteMs: number;
  /** Hour rollups kept this long. */
  hourMs: number;
}

export interface StorageStats {
  rawResults: number;
  minuteRollups: number;
  hourRollups: number;
  stateChanges: number;
}

export interface CompactOptions {
  /** Aborting stops compaction between two units (at shutdown); what is done stays done, the next call carries on. */
  signal?: AbortSignal;
}

export interface ResultsStore {
  /** Appends a batch in one transaction (the engine batches to keep up with thousands of checks). */
  append(results: readonly CheckResult[]): Promise<void>;
  /** Newest first. */
  recent(checkId: string, limit: number): Promise<CheckResult[]>;
  /** All raw results at or after `since`, oldest first (rebuilds rule windows after a restart). */
  since(since: number): Promise<CheckResult[]>;
  /** The newest raw result of every check (the engine's state after a restart). */
  latestPerCheck(): Promise<CheckResult[]>;
  recordStateChange(change: CheckStateChange): Promise<void>;
  /** Newest first. */
  stateChanges(checkId: string, limit: number): Promise<CheckStateChange[]>;
  /**
   * Folds raw results older than the raw window into minute rollups, minute into hour, and drops what is past retention.
   * Cuts fall on whole buckets (a raw result can outlive rawMs by up to a minute); safe to call repeatedly.
   * Works in small units with the event loop free between them, so it may take a while (seconds at 50,000 checks)
   * without holding anything up.
   */
  compact(now: number, retention: Retention, options?: CompactOptions): Promise<void>;
  /** Buckets starting in [from, to), oldest first. */
  rollups(checkId: string, bucket: 'minute' | 'hour', from: number, to: number): Promise<CheckRollup[]>;
  stats(): Promise<StorageStats>;
}

export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

export interface AlertRecord {
  /** "<service>/<rule>" */
  ruleId: string;
  state: AlertState;
  /** When the condition started holding (pending or firing), else null. */
  activeSince: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  /** Human summary of the last evaluation: "3 of last 5 failed". */
  value: string;
  updatedAt: number;
}

export interface AlertsStore {
  /** Upsert by ruleId. */
  save(alert: AlertRecord): Promise<void>;
  all(): Promise<AlertRecord[]>;
  get(ruleId: string): Promise<AlertRecord | null>;
}

export interface IncidentFilter {
  /** 'open' means every status but resolved (resolvedAt null; the store keeps the two in step). */
  status?: IncidentStatus | 'open';
  severity?: string;
  service?: string;
  /** Case-insensitive substring of the title. */
  q?: string;
  limit: number;
  offset: number;
}

export interface IncidentsStore {
  /**
   * Opens an incident for input.key unless an unresolved one exists; then the event is
   * appended to that one instead. Atomic (a unique index on unresolved keys backs it),
   * so a restart or a second process never opens a duplicate.
   */
  openOrAppend(input: NewIncident, event: NewTimelineEvent): Promise<{ incident: Incident; created: boolean }>;
  get(id: number): Promise<Incident | null>;
  /**
   * Inside withTransaction only: reads the incident and holds its row until the transaction ends, so
   * an acknowledgement racing an escalation step waits for the step (and then cancels what it queued)
   * instead of missing it (FOR UPDATE on PostgreSQL; SQLite's transactions lock the database already).
   */
  getForUpdate(id: number): Promise<Incident | null>;
  findOpenByKey(key: string): Promise<Incident | null>;
  /** The newest incident with this key, resolved or not (a resolved one may be reopened within a cool-down). */
  latestByKey(key: string): Promise<Incident | null>;
  list(filter: IncidentFilter): Promise<{ items: Incident[]; total: number }>;
  /** Every unresolved incident (the engine's due-time watch). */
  unresolved(): Promise<Incident[]>;
  /**
   * Applies the patch and appends the event in one transaction; returns the updated incident. updatedAt becomes
   * event.at. Status 'resolved' and a resolvedAt go together: a patch that would leave one without the other is refused.
   */
  update(id: number, patch: Partial<Omit<Incident, 'id'>>, event: NewTimelineEvent): Promise<Incident>;
  /** Also sets the incident's updatedAt to event.at. */
  addEvent(id: number, event: NewTimelineEvent): Promise<TimelineEvent>;
  /** Oldest first. */
  timeline(id: number): Promise<TimelineEvent[]>;
}

export type Role = 'viewer' | 'responder' | 'admin';

export interface TokenRecord {
  id: number;
  name: string;
  role: Role;
  /** sha256 hex of the secret; the secret itself is never stored. */
  hash: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface TokensStore {
  create(token: Omit<TokenRecord, 'id' | 'lastUsedAt' | 'revokedAt'>): Promise<TokenRecord>;
  findByHash(hash: string): Promise<TokenRecord | null>;
  list(): Promise<TokenRecord[]>;
  /** False when there is no such token or it is revoked already (the first revocation time stands). */
  revoke(id: number, at: number): Promise<boolean>;
  touch(id: number, at: number): Promise<void>;
  /** Every token ever created, revoked ones included. */
  count(): Promise<number>;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  data: Record<string, unknown> | null;
}

export interface AuditStore {
  append(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  list(limit: number): Promise<AuditEntry[]>;
}

// ---- Notifications: the transactional outbox -------------------------------------------------

export type NotificationStatus = 'pending' | 'sent' | 'dead' | 'cancelled';

export interface NewNotification {
  /**
   * Idempotency key, unique across the table: "inc:<id>:s<runStartedAt>:r<round>:l<level>:<recipient>:<channel>"
   * for escalation steps (the run's start, so a reopened or reassigned incident pages again). Enqueueing
   * a key that exists already is a no-op, so a step replayed after a crash queues nothing twice, and the
   * receiver sees this same key on every attempt.
   */
  key: string;
  incidentId: number | null;
  /** A ChannelDef id ("ops-slack", "user:ana/email"). */
  channel: string;
  /** The user it is for, when it is for a person. */
  recipient: string | null;
  message: NotificationMessage;
  createdAt: number;
  /** Not sent before this (personal rules: "email after 5 minutes if not acknowledged"). */
  notBefore: number;
}

export interface NotificationRecord extends NewNotification {
  id: number;
  status: NotificationStatus;
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: number;
  lastError: string | null;
  /** When it was sent, died or was cancelled. */
  finishedAt: number | null;
}

export interface DeliveryAttempt {
  id: number;
  notificationId: number;
  at: number;
  /** 1-based. */
  attempt: number;
  outcome: 'sent' | 'failed' | 'failed-final';
  detail: string;
  durationMs: number;
}

export interface NotificationFilter {
  status?: NotificationStatus;
  incidentId?: number;
  limit: number;
  offset: number;
}

export interface NotificationsStore {
  /** Inserts each row unless its key exists (no error); returns the rows actually inserted. */
  enqueue(rows: readonly NewNotification[]): Promise<NotificationRecord[]>;
  /**
   * Leases up to `limit` pending rows with nextAttemptAt <= now and notBefore <= now, oldest due
   * first, that no live lease holds; the lease lasts until now + leaseMs. On PostgreSQL this is
   * FOR UPDATE SKIP LOCKED, so several processes never take the same row.
   */
  claimDue(now: number, limit: number, leaseMs: number, owner: string): Promise<NotificationRecord[]>;
  /** The earliest time a pending row becomes due (for the worker's next wake-up), or null. */
  nextDueAt(): Promise<number | null>;
  /**
   * Records the attempt and the new state in one transaction; clears the lease. The state moves only
   * from pending (and to sent also from cancelled: it was sent); a row cancelled or finished meanwhile
   * keeps its state. attempts counts every call, so it equals the rows of attempts().
   */
  recordAttempt(
    id: number,
    attempt: Omit<DeliveryAttempt, 'id' | 'notificationId'>,
    next: { status: 'sent' | 'dead'; finishedAt: number } | { status: 'pending'; nextAttemptAt: number },
  ): Promise<void>;
  /** Cancels every pending row of the incident (acknowledged, resolved, reassigned); returns how many. */
  cancelPending(incidentId: number, at: number, reason: string): Promise<number>;
  get(id: number): Promise<NotificationRecord | null>;
  /** Newest first. */
  list(filter: NotificationFilter): Promise<{ items: NotificationRecord[]; total: number }>;
  /** Oldest first. */
  attempts(notificationId: number): Promise<DeliveryAttempt[]>;
  counts(): Promise<Record<NotificationStatus, number>>;
}

// ---- Escalations: where each incident is in its policy ---------------------------------------

export type EscalationState = 'active' | 'held' | 'stopped';

export interface EscalationRecord {
  incidentId: number;
  policy: string;
  /** Start of the current run of the policy (moves on reassignment). */
  startedAt: number;
  /** Index of the next step in the policy's flattened plan (levels x rounds). */
  nextStep: number;
  /** When nextStep is due; null when there is nothing left to do. */
  nextAt: number | null;
  /** held: muted (silence, maintenance, inhibition); nothing is sent until released. */
  state: EscalationState;
  reason: string | null;
  updatedAt: number;
}

export interface EscalationsStore {
  /** Insert or replace the incident's escalation (start, reassign). */
  put(record: EscalationRecord): Promise<void>;
  get(incidentId: number): Promise<EscalationRecord | null>;
  /**
   * Active escalations with nextAt <= now, oldest due first, leased until now + leaseMs (PostgreSQL:
   * FOR UPDATE SKIP LOCKED), so one process handles each step.
   */
  claimDue(now: number, limit: number, leaseMs: number, owner: string): Promise<EscalationRecord[]>;
  /** Every held escalation (to release when the mute ends). */
  held(): Promise<EscalationRecord[]>;
  /** The earliest nextAt of an active escalation, or null. */
  nextDueAt(): Promise<number | null>;
}

// ---- Silences ---------------------------------------------------------------------------------

export interface SilenceRecord {
  id: number;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  author: string;
  comment: string;
  createdAt: number;
  /** Set when expired early by a person; endsAt is then moved to that time as well. */
  expiredAt: number | null;
  /** When the "about to expire" notice went out, so it goes out once. */
  noticeSentAt: number | null;
}

export interface SilencesStore {
  create(silence: Omit<SilenceRecord, 'id' | 'expiredAt' | 'noticeSentAt'>): Promise<SilenceRecord>;
  get(id: number): Promise<SilenceRecord | null>;
  /** Silences whose [startsAt, endsAt) has not ended by `now` (active or pending), oldest start first. */
  current(now: number): Promise<SilenceRecord[]>;
  /** Newest first, expired ones included. */
  list(limit: number, offset: number): Promise<{ items: SilenceRecord[]; total: number }>;
  /** False when there is no such silence or it has ended already. */
  expire(id: number, at: number): Promise<boolean>;
  markNoticeSent(id: number, at: number): Promise<void>;
}

// ---- On-call overrides made at run time (config ones live in the config) ----------------------

export interface OverrideRecord {
  id: number;
  schedule: string;
  user: string;
  from: number;
  to: number;
  createdBy: string;
  createdAt: number;
}

export interface OverridesStore {
  create(override: Omit<OverrideRecord, 'id'>): Promise<OverrideRecord>;
  /** Overrides of the schedule that overlap [from, to), by start. */
  between(schedule: string, from: number, to: number): Promise<OverrideRecord[]>;
  /** False when there is no such override. */
  remove(id: number): Promise<boolean>;
}

// ---- Settings: small values the installation generates once (the calendar feed secret) ------

export interface SettingsStore {
  get(key: string): Promise<string | null>;
  /** Sets the value unless one exists; returns the value that stands (safe under races). */
  setIfAbsent(key: string, value: string): Promise<string>;
}

// ---- Inbound: alerts from other tools, the raw event log, change events, integration keys ------

/** Which tool an external alert came from. */
export type AlertSource = 'heartbeat' | 'events-v2' | 'alertmanager' | 'prometheus' | 'routine';

/** What the sender said beyond the summary, kept on the alert and shown on its incident. */
export interface AlertDetails {
  source: string | null;
  component: string | null;
  group: string | null;
  class: string | null;
  customDetails: unknown;
  links: { href: string; text?: string }[];
  images: { src: string; href?: string; alt?: string }[];
  client: string | null;
  clientUrl: string | null;
  /** Alertmanager: annotations, generatorURL, startsAt; Prometheus rules: the query and value. */
  annotations: Record<string, string>;
  generatorUrl: string | null;
  /** When the sender says the alert started (payload.timestamp, startsAt), else null. */
  startedAt: number | null;
}

export interface ExternalAlert {
  /** Globally unique: "events-v2:<integration>/<dedup_key>", "alertmanager:<integration>/<fingerprint>", "<service>/<rule>{labels}". */
  key: string;
  source: AlertSource;
  /** Integration id, or the query rule id. */
  integration: string;
  service: string;
  severity: string;
  status: 'firing' | 'resolved';
  summary: string;
  labels: Record<string, string>;
  details: AlertDetails;
  /** When this firing began (a trigger after a resolve starts a new one). */
  firedAt: number;
  lastEventAt: number;
  resolvedAt: number | null;
  /** Events that added to this firing. */
  events: number;
}

/** What a trigger says about its alert. */
export type ExternalAlertTrigger = Omit<ExternalAlert, 'status' | 'resolvedAt' | 'events' | 'firedAt' | 'lastEventAt'>;

/** An alert change that is committed but has not been through the pipeline yet. */
export interface AlertTransition {
  id: number;
  key: string;
  transition: 'firing' | 'resolved' | 'acknowledged';
  /** Who acknowledged; null for the others. */
  actor: string | null;
  queuedAt: number;
}

/** What fireMany says of one key. */
export interface FireOutcome {
  key: string;
  events: number;
  changed: boolean;
}

export interface ExternalAlertsStore {
  /**
   * Records a trigger. A key that is firing gets the new summary, details and events+1 (changed:
   * false); a new or resolved key starts a new firing (changed: true), which the caller hands to
   * the pipeline.
   */
  fire(alert: ExternalAlertTrigger, at: number): Promise<{ alert: ExternalAlert; changed: boolean }>;
  /**
   * Records triggers in arrival order with the outcome of calling fire() for each in turn, in one
   * statement per 500 keys. Keys may repeat; the answer has one outcome per key, in order of first
   * appearance: the key, its events count after them, and changed when these triggers started a
   * new firing. Use inside withTransaction when the triggers must commit with something else.
   */
  fireMany(alerts: readonly ExternalAlertTrigger[], at: number): Promise<FireOutcome[]>;
  /** Resolves a firing key; null when the key is unknown or resolved already (Events v2: still a 202). */
  resolve(key: string, at: number): Promise<ExternalAlert | null>;
  /** resolve() for many keys in one statement; answers the ones that were firing. */
  resolveMany(keys: readonly string[], at: number): Promise<ExternalAlert[]>;
  /** Which of these keys are firing. */
  firingAmong(keys: readonly string[]): Promise<Set<string>>;
  /** Queues transitions for the pipeline; call in the transaction that made them. Ids follow the order given. */
  queueTransitions(transitions: readonly Omit<AlertTransition, 'id'>[]): Promise<void>;
  /** The oldest queued transitions, in the order they were queued. */
  queuedTransitions(limit: number): Promise<AlertTransition[]>;
  /** Removes a transition once the pipeline has taken it. */
  transitionDone(id: number): Promise<void>;
  /** Keys with a queued firing (after a restart these are not yet delivered, whatever their status says). */
  queuedFiringKeys(): Promise<string[]>;
  get(key: string): Promise<ExternalAlert | null>;
  /** Firing ones (a restart rebuilds the pipeline's firing set from them). */
  firing(): Promise<ExternalAlert[]>;
  list(filter: { source?: AlertSource; status?: 'firing' | 'resolved'; service?: string; limit: number; offset: number }): Promise<{ items: ExternalAlert[]; total: number }>;
}

export interface InboundEvent {
  id: number;
  source: 'events-v2' | 'events-v2-change' | 'alertmanager' | 'changes-api';
  integration: string;
  /** trigger | acknowledge | resolve | change | firing | resolved */
  action: string;
  /** The alert key it touched, if any. */
  alertKey: string | null;
  /** The request body as received (JSON text), for audit and replay. */
  body: string;
  receivedAt: number;
}

export interface InboundEventsStore {
  /** Appends in one transaction; ids are assigned in order. */
  append(events: readonly Omit<InboundEvent, 'id'>[]): Promise<void>;
  count(filter?: { source?: InboundEvent['source']; integration?: string }): Promise<number>;
  /** Newest first. */
  list(filter: { source?: InboundEvent['source']; integration?: string; limit: number; offset: number }): Promise<{ items: InboundEvent[]; total: number }>;
}

export interface ChangeEvent {
  id: number;
  /** null: not tied to a service (shown on every incident of its time). */
  service: string | null;
  summary: string;
  /** Who sent it: the integration id, or "token:<name>" for the native API. */
  origin: string;
  /** The sender's own source field (a CI system, a repository). */
  source: string | null;
  at: number;
  links: { href: string; text?: string }[];
  customDetails: unknown;
}

export interface ChangesStore {
  add(change: Omit<ChangeEvent, 'id'>): Promise<ChangeEvent>;
  /** Changes with at in [from, to), newest first; service null means every service. */
  between(service: string | null, from: number, to: number, limit: number): Promise<ChangeEvent[]>;
  /** Newest first. */
  list(filter: { service?: string; limit: number; offset: number }): Promise<{ items: ChangeEvent[]; total: number }>;
}

export interface IntegrationKeyRecord {
  id: number;
  integration: string;
  /** sha256 hex of the key; the key itself is shown once, at creation. */
  hash: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

export interface IntegrationKeysStore {
  create(key: Omit<IntegrationKeyRecord, 'id' | 'revokedAt'>): Promise<IntegrationKeyRecord>;
  /** Only keys not revoked. */
  findByHash(hash: string): Promise<IntegrationKeyRecord | null>;
  list(integration?: string): Promise<IntegrationKeyRecord[]>;
  revoke(id: number, at: number): Promise<boolean>;
}

// ---- Communications, subscribers, maintenance, post-mortems (issue 5) ---------------------------

export interface StatusUpdate {
  id: number;
  incidentId: number;
  at: number;
  /** The incident's status the update announces (investigating, identified, monitoring, resolved). */
  status: string;
  /** public: shown on status pages and sent to subscribers; internal: the team's own. */
  visibility: 'public' | 'internal';
  message: string;
  author: string;
  /** Status-page components it concerns (empty: the incident's service's components). */
  components: string[];
}

export interface StatusUpdatesStore {
  add(update: Omit<StatusUpdate, 'id'>): Promise<StatusUpdate>;
  /** Oldest first. */
  forIncident(incidentId: number): Promise<StatusUpdate[]>;
  /** The newest public update of each of these incidents (the cadence reminder's clock). */
  latestPublic(incidentIds: readonly number[]): Promise<Map<number, StatusUpdate>>;
  /** Public updates with at in [from, to), newest first (status-page history, Atom feed). */
  publicBetween(from: number, to: number, limit: number): Promise<StatusUpdate[]>;
}

export interface Subscriber {
  id: number;
  kind: 'email' | 'webhook';
  /** The email address or the webhook URL. */
  address: string;
  /** Empty: every component. */
  components: string[];
  /** Unguessable, for the confirmation and unsubscribe links (stored hashed would break the links: it is a capability, compared in constant time). */
  token: string;
  createdAt: number;
  /** Email subscriptions count only once confirmed (double opt-in); webhooks are confirmed at creation. */
  confirmedAt: number | null;
  unsubscribedAt: number | null;
}

export interface SubscribersStore {
  create(subscriber: Omit<Subscriber, 'id' | 'confirmedAt' | 'unsubscribedAt'> & { confirmedAt?: number | null }): Promise<Subscriber>;
  byToken(token: string): Promise<Subscriber | null>;
  /** False when the token is unknown or already confirmed. */
  confirm(token: string, at: number): Promise<boolean>;
  /** False when the token is unknown or already unsubscribed. */
  unsubscribe(token: string, at: number): Promise<boolean>;
  /** Confirmed, subscribed, and interested in any of these components (or in all). */
  audience(components: readonly string[]): Promise<Subscriber[]>;
  list(limit: number, offset: number): Promise<{ items: Subscriber[]; total: number }>;
}

/** A change people made to one occurrence of a window, or a one-off window made through the API. */
export interface MaintenanceChange {
  id: number;
  /** The config window's id, or "api:<id>" for a window made through the API. */
  window: string;
  /** Which occurrence (its scheduled start). */
  occurrenceStart: number;
  kind: 'end-early' | 'extend' | 'create';
  /** The new end (end-early, extend) or the end of a created window. */
  endsAt: number;
  /** For created windows: title, services, components, message as JSON; else null. */
  spec: unknown;
  by: string;
  at: number;
}

export interface MaintenanceStore {
  addChange(change: Omit<MaintenanceChange, 'id'>): Promise<MaintenanceChange>;
  /** Changes to occurrences starting in [from, to), and created windows overlapping it. */
  changesBetween(from: number, to: number): Promise<MaintenanceChange[]>;
  /**
   * Records that an occurrence was announced; false when it was already (so the notice goes out
   * once, even with several processes).
   */
  markAnnounced(window: string, occurrenceStart: number, at: number): Promise<boolean>;
}

export interface Postmortem {
  incidentId: number;
  /** Markdown. */
  body: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  /** draft | published */
  state: 'draft' | 'published';
}

export interface ActionItem {
  id: number;
  incidentId: number;
  title: string;
  /** A user id or free text. */
  owner: string;
  dueAt: number | null;
  doneAt: number | null;
  /** When the overdue reminder went out (once per item). */
  remindedAt: number | null;
  createdAt: number;
}

export interface PostmortemsStore {
  /** Inserts or replaces the incident's post-mortem. */
  save(postmortem: Postmortem): Promise<void>;
  get(incidentId: number): Promise<Postmortem | null>;
  list(limit: number, offset: number): Promise<{ items: Postmortem[]; total: number }>;
  addAction(item: Omit<ActionItem, 'id' | 'doneAt' | 'remindedAt'>): Promise<ActionItem>;
  updateAction(id: number, patch: Partial<Pick<ActionItem, 'title' | 'owner' | 'dueAt' | 'doneAt' | 'remindedAt'>>): Promise<ActionItem | null>;
  actions(incidentId: number): Promise<ActionItem[]>;
  /** Open items due before `now` that were not reminded yet. */
  overdue(now: number): Promise<ActionItem[]>;
}

// ---- Runbook runs (issue 4) --------------------------------------------------------------------

export type RunbookRunStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type RunbookStepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RunbookRun {
  id: number;
  /** The RunbookDef id: "runbooks/api-restart.md". */
  runbook: string;
  title: string;
  incidentId: number | null;
  /** The routine that started it, if one did. */
  routine: string | null;
  /** Every parameter's value as the run used it, secret values replaced by "••••". */
  params: Record<string, string>;
  status: RunbookRunStatus;
  startedAt: number;
  endedAt: number | null;
  /** "token:<name>", "system", "routine:<id>". */
  actor: string;
  dryRun: boolean;
}

export interface RunbookRunStep {
  index: number;
  kind: 'shell' | 'manual' | 'shown';
  status: RunbookStepStatus;
  exitCode: number | null;
  startedAt: number | null;
  endedAt: number | null;
  /** Who confirmed the mutating step or ticked the manual item. */
  actor: string | null;
  note: string | null;
  /** stdout and stderr as they interleaved, secrets masked, capped per step. */
  output: string;
}

/** What the run's stream replays and then sends live; seq is the SSE event id. */
export type RunbookRunEvent =
  | { seq: number; at: number; type: 'step'; index: number; status: RunbookStepStatus; exitCode: number | null }
  | { seq: number; at: number; type: 'output'; index: number; stream: 'stdout' | 'stderr'; text: string }
  | { seq: number; at: number; type: 'run'; status: RunbookRunStatus };

export interface RunbookRunsStore {
  /** The run and its steps (all pending or as given) in one transaction. owner: "<host>:<pid>" of the process running it. */
  create(run: Omit<RunbookRun, 'id'>, owner: string, steps: readonly Pick<RunbookRunStep, 'index' | 'kind' | 'status'>[]): Promise<RunbookRun>;
  get(id: number): Promise<RunbookRun | null>;
  /** Newest first. */
  list(filter: { incidentId?: number; runbook?: string; routine?: string; limit: number; offset: number }): Promise<{ items: RunbookRun[]; total: number }>;
  setStatus(id: number, status: RunbookRunStatus, endedAt: number | null): Promise<void>;
  updateStep(runId: number, index: number, patch: Partial<Pick<RunbookRunStep, 'status' | 'exitCode' | 'startedAt' | 'endedAt' | 'actor' | 'note'>>): Promise<void>;
  /** In index order, each with its output joined from the run's output events. */
  steps(runId: number): Promise<RunbookRunStep[]>;
  /** Appends in one statement; seq is unique per run. */
  appendEvents(runId: number, events: readonly RunbookRunEvent[]): Promise<void>;
  /** Events with seq > after, in order. */
  events(runId: number, after: number): Promise<RunbookRunEvent[]>;
  /** Runs not ended, with the process that owns them. */
  unfinished(): Promise<(RunbookRun & { owner: string })[]>;
}

// ---- Routines (issue 4) ----------------------------------------------------------------------

/** One item of a checklist task, ticked once by a person. */
export interface RoutineTaskItem {
  index: number;
  text: string;
  doneAt: number | null;
  doneBy: string | null;
  note: string | null;
}

/** One handled occurrence of a routine: a runbook run, or a checklist a person ticks. */
export interface RoutineTask {
  id: number;
  routine: string;
  /** The occurrence: when it was due by the routine's calendar. */
  scheduledAt: number;
  kind: 'runbook' | 'checklist';
  title: string;
  /** A user id (resolved from the schedule at scheduledAt), or null. */
  assignee: string | null;
  /** When the scheduler handled it (later than scheduledAt after downtime). */
  createdAt: number;
  /** Checklists: scheduledAt + deadline. Runbook runs: null. */
  dueAt: number | null;
  /** Checklists: every item ticked. Runbook runs: the run finished. */
  completedAt: number | null;
  /** When the missed-deadline or failed-run alert was raised. */
  alertedAt: number | null;
  /** Earlier occurrences skipped because Opsdeck was down when they were due (only the latest is handled). */
  missed: number;
  runId: string | null;
  /** Runbook runs: started, succeeded, failed, or why it could not start. */
  outcome: string | null;
  items: RoutineTaskItem[];
}

export interface RoutineTasksStore {
  /**
   * Insert-or-nothing on (routine, scheduledAt): the new task, or null when the occurrence was
   * already handled (by another process, or before a restart).
   */
  claim(task: Omit<RoutineTask, 'id' | 'completedAt' | 'alertedAt' | 'runId' | 'outcome' | 'items'> & { items: string[] }): Promise<RoutineTask | null>;
  /** The newest occurrence handled per routine. */
  lastScheduled(): Promise<Map<string, number>>;
  get(id: number): Promise<RoutineTask | null>;
  /** Newest occurrence first. */
  list(filter: { routine?: string; open?: boolean; limit: number; offset: number }): Promise<{ items: RoutineTask[]; total: number }>;
  /** Ticks one item not ticked yet; false when it is unknown or already ticked. */
  tick(taskId: number, index: number, by: string, note: string | null, at: number): Promise<boolean>;
  /** Marks the task completed when every item is ticked; true only for the call that completed it. */
  completeIfDone(taskId: number, at: number): Promise<boolean>;
  /** Open checklists whose deadline is at or before `now` and that were not alerted yet. */
  overdue(now: number): Promise<RoutineTask[]>;
  /** The earliest deadline of an open, not yet alerted checklist. */
  nextDeadline(): Promise<number | null>;
  /** True only for the call that marked it (the alert is raised once). */
  markAlerted(taskId: number, at: number): Promise<boolean>;
  recordRun(taskId: number, run: { runId: string | null; outcome: string; completedAt: number | null }): Promise<void>;
}

// ---- Heartbeats (issue 4): pings as received and each heartbeat's live state ------------------

export interface HeartbeatPing {
  id: number;
  heartbeat: string;
  kind: 'success' | 'start' | 'fail' | 'log';
  /** From `/ping/<key>/<status>`, else null. */
  exitStatus: number | null;
  rid: string | null;
  /** Set on an end that closed a started run. */
  durationMs: number | null;
  method: string;
  /** The request body, truncated to the ping body limit: the run's log. */
  body: string;
  /** The body's size as sent, so a reader knows when it was truncated. */
  bodyBytes: number;
  receivedAt: number;
}

export type NewHeartbeatPing = Omit<HeartbeatPing, 'id'>;

export interface HeartbeatsStore {
  /** Appends the pings and saves the states (the last one per heartbeat stands) in one transaction. */
  record(pings: readonly NewHeartbeatPing[], states: readonly HeartbeatState[], at: number): Promise<void>;
  /** Every saved state (restored into memory at start). */
  states(): Promise<HeartbeatState[]>;
  /** Newest first; `withDuration` only the ends that closed a run. */
  pings(heartbeat: string, filter: { limit: number; beforeId?: number; withDuration?: boolean }): Promise<HeartbeatPing[]>;
  count(heartbeat?: string): Promise<number>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly results: ResultsStore;
  readonly alerts: AlertsStore;
  readonly incidents: IncidentsStore;
  readonly tokens: TokensStore;
  readonly audit: AuditStore;
  readonly notifications: NotificationsStore;
  readonly escalations: EscalationsStore;
  readonly silences: SilencesStore;
  readonly overrides: OverridesStore;
  readonly settings: SettingsStore;
  readonly externalAlerts: ExternalAlertsStore;
  readonly inboundEvents: InboundEventsStore;
  readonly changes: ChangesStore;
  readonly integrationKeys: IntegrationKeysStore;
  readonly statusUpdates: StatusUpdatesStore;
  readonly subscribers: SubscribersStore;
  readonly maintenance: MaintenanceStore;
  readonly postmortems: PostmortemsStore;
  readonly runbookRuns: RunbookRunsStore;
  readonly heartbeats: HeartbeatsStore;
  readonly routineTasks: RoutineTasksStore;
  close(): Promise<void>;
  /**
   * Runs fn in one database transaction: whatever fn does through `tx` commits together or not
   * at all (an incident change and its notification outbox row). Use only `tx` inside fn: on
   * SQLite the one connection belongs to the transaction, so a call on this store would wait
   * for it forever. Throwing from fn rolls back and rethrows.
   */
  withTransaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs fn with everything it writes, through this store or any service, in transactions or
   * not, committed together once it resolves (SQLite; on PostgreSQL fn simply runs). A
   * transaction inside fn that throws still rolls back alone. For a worker that makes many small
   * transactions in a row (the alert transition queue): one commit for all of them. Anything
   * fn starts without awaiting joins in until it resolves.
   */
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * fn now, or, when called from inside batch(), once the batch has committed (never if it rolls
   * back): for what may only follow a durable write, like waking the notification sender.
   */
  afterCommit(fn: () => void): void;
}

/** The repositories bound to one transaction (see Store.withTransaction). */
export type StoreTransaction = Omit<Store, 'close' | 'withTransaction' | 'batch' | 'afterCommit'>;
