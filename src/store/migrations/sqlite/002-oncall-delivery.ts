import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// On-call, escalation and delivery state (issue 3). Same conventions as 001-initial: INTEGER
// epoch ms, 0/1 flags, JSON as TEXT. Keep in step with ../postgres/002-oncall-delivery.ts.
const statements = [
  // The transactional outbox. `key` is the idempotency key sent to receivers; its unique index
  // is what makes enqueue insert-or-nothing, so a step replayed after a crash queues nothing twice.
  // lease_owner/lease_until mark a row being sent; an expired lease (a process that died
  // mid-send) makes the row claimable again.
  `create table notifications (
    id integer primary key,
    key text not null unique,
    incident_id integer references incidents (id),
    channel text not null,
    recipient text,
    message text not null,
    status text not null check (status in ('pending', 'sent', 'dead', 'cancelled')),
    attempts integer not null default 0,
    created_at integer not null,
    not_before integer not null,
    next_attempt_at integer not null,
    last_error text,
    finished_at integer,
    lease_owner text,
    lease_until integer
  )`,
  // claimDue() and nextDueAt(): the due pending rows, oldest due first, without a sort. Not a
  // partial index (where status = 'pending'): SQLite uses one only when the query names the same
  // literal, and without statistics prefers (status, created_at) below, then sorts every pending row.
  `create index notifications_status_due on notifications (status, next_attempt_at, id)`,
  // cancelPending() and list({ incidentId }).
  `create index notifications_incident on notifications (incident_id, status)`,
  // list({ status }) newest first, and counts().
  `create index notifications_status_created on notifications (status, created_at)`,
  `create index notifications_created on notifications (created_at, id)`,

  // The delivery log of each notification, read per notification in order.
  `create table notification_attempts (
    id integer primary key,
    notification_id integer not null references notifications (id),
    at integer not null,
    attempt integer not null,
    outcome text not null check (outcome in ('sent', 'failed', 'failed-final')),
    detail text not null,
    duration_ms real not null
  )`,
  `create index notification_attempts_notification on notification_attempts (notification_id, id)`,

  // One row per incident: where it is in its policy; leased like the outbox while a step runs.
  `create table escalations (
    incident_id integer primary key references incidents (id),
    policy text not null,
    started_at integer not null,
    next_step integer not null,
    next_at integer,
    state text not null check (state in ('active', 'held', 'stopped')),
    reason text,
    updated_at integer not null,
    lease_owner text,
    lease_until integer
  )`,
  // claimDue() and nextDueAt() look only at active rows that have a next step.
  `create index escalations_active_due on escalations (next_at, incident_id) where state = 'active' and next_at is not null`,
  // held(): few rows, but looked for on every mute change.
  `create index escalations_held on escalations (incident_id) where state = 'held'`,

  `create table silences (
    id integer primary key,
    matchers text not null,
    starts_at integer not null,
    ends_at integer not null,
    author text not null,
    comment text not null,
    created_at integer not null,
    expired_at integer,
    notice_sent_at integer
  )`,
  // current(): silences that have not ended.
  `create index silences_ends on silences (ends_at)`,

  // Overrides made at run time; between() looks up one schedule's by time.
  `create table schedule_overrides (
    id integer primary key,
    schedule text not null,
    user_id text not null,
    from_at integer not null,
    to_at integer not null check (to_at > from_at),
    created_by text not null,
    created_at integer not null
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
