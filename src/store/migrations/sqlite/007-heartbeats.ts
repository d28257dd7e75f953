import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

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

/**
 * SQLite cannot change a CHECK constraint in place: the table is rebuilt from its own stored
 * definition with the new source added, so values another migration allowed stay allowed.
 */
async function widenAlertSources(db: Parameters<Migration['up']>[0], add: string): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'external_alerts'`.execute(db);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'external_alerts' and sql is not null`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  const list = /check \(source in \(([^)]*)\)\)/.exec(definition);
  if (!list) throw new Error('007-heartbeats: external_alerts has no check on source to widen');
  if (list[1]!.includes(`'${add}'`)) return;
  const widened = definition
    .replace(list[0], `check (source in (${list[1]}, '${add}'))`)
    .replace(/^create table "?external_alerts"?/i, 'create table external_alerts_widened');
  await sql.raw(widened).execute(db);
  await sql.raw('insert into external_alerts_widened select * from external_alerts').execute(db);
  await sql.raw('drop table external_alerts').execute(db);
  await sql.raw('alter table external_alerts_widened rename to external_alerts').execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}

export const heartbeats: Migration = {
  name: '007-heartbeats',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await widenAlertSources(db, 'heartbeat');
  },
};
