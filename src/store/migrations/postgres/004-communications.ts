import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Status updates, subscribers, maintenance changes and announcements, post-mortems and their
// action items (issue 5). Same conventions as 001-initial: BIGINT identity ids and epoch ms, JSON
// as TEXT. Keep in step with ../sqlite/004-communications.ts; the comments there say why each
// table and index exists.
const statements = [
  `create table status_updates (
    id bigint generated always as identity primary key,
    incident_id bigint not null references incidents (id),
    at bigint not null,
    status text not null,
    visibility text not null check (visibility in ('public', 'internal')),
    message text not null,
    author text not null,
    components text not null
  )`,
  // forIncident(), oldest first.
  `create index status_updates_incident_at on status_updates (incident_id, at, id)`,
  // latestPublic() per incident and publicBetween() over time: both read public updates only.
  `create index status_updates_public_incident_at on status_updates (incident_id, at, id) where visibility = 'public'`,
  `create index status_updates_public_at on status_updates (at, id) where visibility = 'public'`,

  // The token is the capability behind the confirmation and unsubscribe links: unique, looked up
  // on every click. No unique address: someone who unsubscribed may subscribe again.
  `create table subscribers (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('email', 'webhook')),
    address text not null,
    components text not null,
    token text not null unique,
    created_at bigint not null,
    confirmed_at bigint,
    unsubscribed_at bigint
  )`,
  // audience() reads the confirmed, still subscribed ones.
  `create index subscribers_active on subscribers (id) where confirmed_at is not null and unsubscribed_at is null`,

  // Changes people made to window occurrences, and windows made through the API ("window" is a
  // reserved word in PostgreSQL, hence window_key).
  `create table maintenance_changes (
    id bigint generated always as identity primary key,
    window_key text not null,
    occurrence_start bigint not null,
    kind text not null check (kind in ('end-early', 'extend', 'create')),
    ends_at bigint not null,
    spec text,
    changed_by text not null,
    changed_at bigint not null
  )`,
  `create index maintenance_changes_occurrence on maintenance_changes (occurrence_start, id)`,
  `create index maintenance_changes_window on maintenance_changes (window_key, occurrence_start, ends_at)`,

  // One row per announced occurrence: markAnnounced is an insert that does nothing on this
  // primary key, so two processes at the notice time cannot both send the notice.
  `create table maintenance_announcements (
    window_key text not null,
    occurrence_start bigint not null,
    announced_at bigint not null,
    primary key (window_key, occurrence_start)
  )`,

  // At most one post-mortem per incident: save() is an upsert on the primary key.
  `create table postmortems (
    incident_id bigint primary key references incidents (id),
    body text not null,
    state text not null check (state in ('draft', 'published')),
    created_at bigint not null,
    updated_at bigint not null,
    updated_by text not null
  )`,
  `create index postmortems_updated on postmortems (updated_at, incident_id)`,

  `create table postmortem_actions (
    id bigint generated always as identity primary key,
    incident_id bigint not null references incidents (id),
    title text not null,
    owner text not null,
    due_at bigint,
    done_at bigint,
    reminded_at bigint,
    created_at bigint not null
  )`,
  `create index postmortem_actions_incident on postmortem_actions (incident_id, id)`,
  // overdue(): open, not yet reminded, by due date; reminded or done items leave the index.
  `create index postmortem_actions_overdue on postmortem_actions (due_at, id) where done_at is null and reminded_at is null and due_at is not null`,
];

export const communications: Migration = {
  name: '004-communications',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
