import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// On-call, escalation and delivery state (issue 3). Same conventions as 001-initial: BIGINT
// identity ids and epoch ms, JSON as TEXT. Keep in step with ../sqlite/002-oncall-delivery.ts;
// the comments there say why each index exists.
const statements = [
  `create table notifications (
    id bigint generated always as identity primary key,
    key text not null unique,
    incident_id bigint references incidents (id),
    channel text not null,
    recipient text,
    message text not null,
    status text not null check (status in ('pending', 'sent', 'dead', 'cancelled')),
    attempts integer not null default 0,
    created_at bigint not null,
    not_before bigint not null,
    next_attempt_at bigint not null,
    last_error text,
    finished_at bigint,
    lease_owner text,
    lease_until bigint
  )`,
  `create index notifications_status_due on notifications (status, next_attempt_at, id)`,
  `create index notifications_incident on notifications (incident_id, status)`,
  `create index notifications_status_created on notifications (status, created_at)`,
  `create index notifications_created on notifications (created_at, id)`,

  `create table notification_attempts (
    id bigint generated always as identity primary key,
    notification_id bigint not null references notifications (id),
    at bigint not null,
    attempt integer not null,
    outcome text not null check (outcome in ('sent', 'failed', 'failed-final')),
    detail text not null,
    duration_ms double precision not null
  )`,
  `create index notification_attempts_notification on notification_attempts (notification_id, id)`,

  `create table escalations (
    incident_id bigint primary key references incidents (id),
    policy text not null,
    started_at bigint not null,
    next_step integer not null,
    next_at bigint,
    state text not null check (state in ('active', 'held', 'stopped')),
    reason text,
    updated_at bigint not null,
    lease_owner text,
    lease_until bigint
  )`,
  `create index escalations_active_due on escalations (next_at, incident_id) where state = 'active' and next_at is not null`,
  `create index escalations_held on escalations (incident_id) where state = 'held'`,

  `create table silences (
    id bigint generated always as identity primary key,
    matchers text not null,
    starts_at bigint not null,
    ends_at bigint not null,
    author text not null,
    comment text not null,
    created_at bigint not null,
    expired_at bigint,
    notice_sent_at bigint
  )`,
  `create index silences_ends on silences (ends_at)`,

  `create table schedule_overrides (
    id bigint generated always as identity primary key,
    schedule text not null,
    user_id text not null,
    from_at bigint not null,
    to_at bigint not null check (to_at > from_at),
    created_by text not null,
    created_at bigint not null
  )`,
  `create index schedule_overrides_schedule_from on schedule_overrides (schedule, from_at)`,

  `create table settings (
    key text primary key,
    value text not null
  )`,
];

export const oncallDelivery: Migration = {
  name: '002-oncall-delivery',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
