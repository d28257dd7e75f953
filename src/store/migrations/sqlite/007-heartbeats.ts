import { sql } from 'kysely';
import type { Migration } from '../migration.ts';
import { widenAlertSources } from './widen-alert-sources.ts';

// Heartbeat pings and each heartbeat's live state (issue 4), and 'heartbeat' as an external alert
// source. Same conventions as 001-initial: INTEGER epoch ms, JSON as TEXT. Keep in step with
// ../postgres/007-heartbeats.ts.
const statements = [
  // Appended on the ping hot path in multi-row INSERTs; the API reads one heartbeat's newest.
  `create table heartbeat_pings (
    id integer primary key,
    heartbeat text not null,
    kind text not null check (kind in ('success', 'start', 'fail', 'log')),
    exit_status integer,
    rid text,
    duration_ms integer,
    method text not null,
    body text not null,
    body_bytes integer not null,
    received_at integer not null
  )`,
  `create index heartbeat_pings_heartbeat on heartbeat_pings (heartbeat, id)`,
  // One row per heartbeat, upserted with each batch of pings; the state itself is JSON (read whole at start).
  `create table heartbeat_states (
    heartbeat text primary key,
    status text not null check (status in ('new', 'up', 'down')),
    state text not null,
    updated_at integer not null
  )`,
];

export const heartbeats: Migration = {
  name: '007-heartbeats',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await widenAlertSources(db, 'heartbeat');
  },
};
