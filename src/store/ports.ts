import type { CheckResult, CheckRollup, CheckStateChange } from '../checks/check-result.ts';
import type { Incident, IncidentStatus, NewIncident, NewTimelineEvent, TimelineEvent } from '../incidents/incident.ts';

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

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly results: ResultsStore;
  readonly alerts: AlertsStore;
  readonly incidents: IncidentsStore;
  readonly tokens: TokensStore;
  readonly audit: AuditStore;
  close(): Promise<void>;
  /**
   * Runs fn in one database transaction: whatever fn does through `tx` commits together or not
   * at all (an incident change and its notification outbox row). Use only `tx` inside fn: on
   * SQLite the one connection belongs to the transaction, so a call on this store would wait
   * for it forever. Throwing from fn rolls back and rethrows.
   */
  withTransaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}

/** The repositories bound to one transaction (see Store.withTransaction). */
export type StoreTransaction = Omit<Store, 'close' | 'withTransaction'>;
