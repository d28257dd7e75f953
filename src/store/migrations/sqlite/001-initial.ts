import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// SQLite: INTEGER PRIMARY KEY is the rowid (no separate index); booleans are 0/1 integers;
// times are INTEGER epoch ms; JSON is TEXT. Keep in step with ../postgres/001-initial.ts.
const statements = [
  `create table check_results (
    id integer primary key,
    check_id text not null,
    at integer not null,
    duration_ms real not null,
    ok integer not null check (ok in (0, 1)),
    error text,
    conditions text not null
  )`,
  // recent() and latestPerCheck() walk one check's results by time; since() and compaction walk all by time.
  `create index check_results_check_at on check_results (check_id, at)`,
  `create index check_results_at on check_results (at)`,

  `create table check_state_changes (
    id integer primary key,
    check_id text not null,
    at integer not null,
    ok integer not null check (ok in (0, 1)),
    reason text not null
  )`,
  `create index check_state_changes_check_at on check_state_changes (check_id, at)`,

  // The primary key is what compaction upserts on, so a bucket folded twice merges.
  `create table check_rollups (
    check_id text not null,
    bucket text not null check (bucket in ('minute', 'hour')),
    bucket_start integer not null,
    runs integer not null,
    failures integer not null,
    p50_ms real not null,
    p95_ms real not null,
    p99_ms real not null,
    max_ms real not null,
    primary key (check_id, bucket, bucket_start)
  )`,
  // Compaction finds the oldest minute rollups across all checks.
  `create index check_rollups_bucket_start on check_rollups (bucket, bucket_start)`,

  `create table alerts (
    rule_id text primary key,
    state text not null,
    active_since integer,
    fired_at integer,
    resolved_at integer,
    value text not null,
    updated_at integer not null
  )`,

  // "Unresolved" is resolved_at IS NULL everywhere (dedup index, unresolved(), status 'open');
  // the check keeps it in step with status, so neither can say resolved alone.
  `create table incidents (
    id integer primary key,
    key text,
    title text not null,
    service text,
    severity text not null,
    status text not null,
    opened_at integer not null,
    acknowledged_at integer,
    resolved_at integer,
    respond_by integer,
    resolve_by integer,
    respond_breached_at integer,
    resolve_breached_at integer,
    runbook text,
    updated_at integer not null,
    constraint incidents_resolved_consistent check ((status = 'resolved') = (resolved_at is not null))
  )`,
  // At most one unresolved incident per key: openOrAppend's dedup rests on this index.
  `create unique index incidents_unresolved_key on incidents (key) where resolved_at is null`,
  // latestByKey() (reopen within a cool-down).
  `create index incidents_key_opened on incidents (key, opened_at)`,
  // list() filters, each ordered newest first.
  `create index incidents_opened on incidents (opened_at, id)`,
  `create index incidents_unresolved_opened on incidents (opened_at, id) where resolved_at is null`,
  `create index incidents_status_opened on incidents (status, opened_at)`,
  `create index incidents_severity_opened on incidents (severity, opened_at)`,
  `create index incidents_service_opened on incidents (service, opened_at)`,

  `create table incident_events (
    id integer primary key,
    incident_id integer not null references incidents (id),
    at integer not null,
    kind text not null,
    actor text not null,
    message text not null,
    data text
  )`,
  `create index incident_events_incident_at on incident_events (incident_id, at)`,

  `create table tokens (
    id integer primary key,
    name text not null,
    role text not null check (role in ('viewer', 'responder', 'admin')),
    hash text not null unique,
    created_at integer not null,
    last_used_at integer,
    revoked_at integer
  )`,

  `create table audit_log (
    id integer primary key,
    at integer not null,
    actor text not null,
    action text not null,
    target text not null,
    data text
  )`,
  `create index audit_log_at on audit_log (at)`,
];

export const initial: Migration = {
  name: '001-initial',
  async up(db) {
    // node:sqlite prepares one statement at a time.
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
