import { sql } from 'kysely';
import type { Migration } from '../migration.ts';
import { widenAlertSources } from './widen-alert-sources.ts';

// Heartbeat pings and each heartbeat's live state (issue 4), and 'heartbeat' as an external alert
// source. Keep in step with ../sqlite/007-heartbeats.ts; the comments there say why.
const statements = [
  `create table heartbeat_pings (
    id bigint generated always as identity primary key,
    heartbeat text not null,
    kind text not null check (kind in ('success', 'start', 'fail', 'log')),
    exit_status integer,
    rid text,
    duration_ms bigint,
    method text not null,
    body text not null,
    body_bytes integer not null,
    received_at bigint not null
  )`,
  `create index heartbeat_pings_heartbeat on heartbeat_pings (heartbeat, id)`,
  `create table heartbeat_states (
    heartbeat text primary key,
    status text not null check (status in ('new', 'up', 'down')),
    state text not null,
    updated_at bigint not null
  )`,
];

export const heartbeats: Migration = {
  name: '007-heartbeats',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await widenAlertSources(db, 'heartbeat');
  },
};
