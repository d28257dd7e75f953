import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// PostgreSQL: BIGINT identity ids, BIGINT epoch-ms times, real booleans, double precision
// durations, JSON as TEXT (read and written whole, never queried inside). Keep in step with
// ../sqlite/001-initial.ts; the comments there say why each index exists.
const statements = [
  `create table check_results (
    id bigint generated always as identity primary key,
    check_id text not null,
    at bigint not null,
    duration_ms double precision not null,
    ok boolean not null,
    error text,
    conditions text not null
  )`,
  `create index check_results_check_at on check_results (check_id, at)`,
  `create index check_results_at on check_results (at)`,

  `create table check_state_changes (
    id bigint generated always as identity primary key,
    check_id text not null,
    at bigint not null,
    ok boolean not null,
    reason text not null
  )`,
  `create index check_state_changes_check_at on check_state_changes (check_id, at)`,

  `create table check_rollups (
    check_id text not null,
    bucket text not null check (bucket in ('minute', 'hour')),
    bucket_start bigint not null,
    runs integer not null,
    failures integer not null,
    p50_ms double precision not null,
    p95_ms double precision not null,
    p99_ms double precision not null,
    max_ms double precision not null,
    primary key (check_id, bucket, bucket_start)
  )`,
  `create index check_rollups_bucket_start on check_rollups (bucket, bucket_start)`,

  `create table alerts (
    rule_id text primary key,
    state text not null,
    active_since bigint,
    fired_at bigint,
    resolved_at bigint,
    value text not null,
    updated_at bigint not null
  )`,

  `create table incidents (
    id bigint generated always as identity primary key,
    key text,
    title text not null,
    service text,
    severity text not null,
    status text not null,
    opened_at bigint not null,
    acknowledged_at bigint,
    resolved_at bigint,
    respond_by bigint,
    resolve_by bigint,
    respond_breached_at bigint,
    resolve_breached_at bigint,
    runbook text,
    updated_at bigint not null,
    constraint incidents_resolved_consistent check ((status = 'resolved') = (resolved_at is not null))
  )`,
  `create unique index incidents_unresolved_key on incidents (key) where resolved_at is null`,
  `create index incidents_key_opened on incidents (key, opened_at)`,
  `create index incidents_opened on incidents (opened_at, id)`,
  `create index incidents_unresolved_opened on incidents (opened_at, id) where resolved_at is null`,
  `create index incidents_status_opened on incidents (status, opened_at)`,
  `create index incidents_severity_opened on incidents (severity, opened_at)`,
  `create index incidents_service_opened on incidents (service, opened_at)`,

  `create table incident_events (
    id bigint generated always as identity primary key,
    incident_id bigint not null references incidents (id),
    at bigint not null,
    kind text not null,
    actor text not null,
    message text not null,
    data text
  )`,
  `create index incident_events_incident_at on incident_events (incident_id, at)`,

  `create table tokens (
    id bigint generated always as identity primary key,
    name text not null,
    role text not null check (role in ('viewer', 'responder', 'admin')),
    hash text not null unique,
    created_at bigint not null,
    last_used_at bigint,
    revoked_at bigint
  )`,

  `create table audit_log (
    id bigint generated always as identity primary key,
    at bigint not null,
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
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
