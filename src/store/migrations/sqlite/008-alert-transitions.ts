import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Alert transitions accepted but not yet through the pipeline (issue 6, ingest at Alertmanager's
// rate): an Events v2 request commits its alert change and one row here in the same transaction
// and answers 202; a worker then takes rows in id order (per key: the order they were accepted),
// runs each through the pipeline and deletes it. Rows left by a crash are run on the next start.
const statements = [
  `create table alert_transitions (
    id integer primary key,
    alert_key text not null,
    transition text not null check (transition in ('firing', 'resolved', 'acknowledged')),
    actor text,
    queued_at integer not null
  )`,
  // Restoring the pipeline's firing set after a restart leaves out keys whose firing is still queued.
  `create index alert_transitions_key on alert_transitions (alert_key)`,
];

export const alertTransitions: Migration = {
  name: '008-alert-transitions',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
