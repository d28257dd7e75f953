import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

/**
 * Adds a value to external_alerts' check on `source` (routines and heartbeats each add theirs): the
 * check is rebuilt from what it allows now plus that, so another migration's additions stay.
 */
export async function widenAlertSources(db: Parameters<Migration['up']>[0], add: string): Promise<void> {
  const found = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = 'external_alerts'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%source%'
      and pg_get_constraintdef(oid) not like '%resolved_at%'`.execute(db);
  const constraint = found.rows[0];
  if (!constraint) throw new Error(`widening alert sources for "${add}": external_alerts has no check on source to widen`);
  const values = [...constraint.definition.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  if (values.includes(add)) return;
  const list = [...values, add].map((v) => `'${v}'`).join(', ');
  await sql.raw(`alter table external_alerts drop constraint "${constraint.name}", add constraint "${constraint.name}" check (source in (${list}))`).execute(db);
}
