import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Keep in step with ../sqlite/008-alert-transitions.ts; the comments there say why.
const statements = [
  `create table alert_transitions (
    id bigint generated always as identity primary key,
    alert_key text not null,
    transition text not null check (transition in ('firing', 'resolved', 'acknowledged')),
    actor text,
    queued_at bigint not null
  )`,
  `create index alert_transitions_key on alert_transitions (alert_key)`,
];

export const alertTransitions: Migration = {
  name: '008-alert-transitions',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
