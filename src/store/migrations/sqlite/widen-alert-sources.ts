import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

/**
 * Adds a value to external_alerts' check on `source` (routines and heartbeats each add theirs).
 * SQLite cannot change a CHECK constraint in place: the table is rebuilt from its own stored
 * definition with the source added, so values another migration allowed stay allowed.
 */
export async function widenAlertSources(db: Parameters<Migration['up']>[0], add: string): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'external_alerts'`.execute(db);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'external_alerts' and sql is not null`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  const list = /check \(source in \(([^)]*)\)\)/.exec(definition);
  if (!list) throw new Error(`widening alert sources for "${add}": external_alerts has no check on source to widen`);
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
