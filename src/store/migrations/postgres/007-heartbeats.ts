import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

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

/** The source check is rebuilt from the values it allows now plus the new one, so another migration's additions stay. */
async function widenAlertSources(db: Parameters<Migration['up']>[0], add: string): Promise<void> {
  const found = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = 'external_alerts'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%source%'
      and pg_get_constraintdef(oid) not like '%resolved_at%'`.execute(db);
  const constraint = found.rows[0];
  if (!constraint) throw new Error('007-heartbeats: external_alerts has no check on source to widen');
  const values = [...constraint.definition.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  if (values.includes(add)) return;
  const list = [...values, add].map((v) => `'${v}'`).join(', ');
  await sql.raw(`alter table external_alerts drop constraint "${constraint.name}", add constraint "${constraint.name}" check (source in (${list}))`).execute(db);
}

export const heartbeats: Migration = {
  name: '007-heartbeats',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await widenAlertSources(db, 'heartbeat');
  },
};
