import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Routines (issue 4): one row per handled occurrence of a routine, its checklist items, and the
// state of the run or the deadline alert. Same conventions as 001-initial: INTEGER epoch ms.
// Keep in step with ../postgres/006-routine-tasks.ts.
const statements = [
  // The unique (routine, scheduled_at) is the "exactly once": claim() inserts or does nothing, so
  // two processes, or one restarted mid-tick, cannot both handle an occurrence.
  `create table routine_tasks (
    id integer primary key,
    routine text not null,
    scheduled_at integer not null,
    kind text not null check (kind in ('runbook', 'checklist')),
    title text not null,
    assignee text,
    created_at integer not null,
    due_at integer,
    completed_at integer,
    alerted_at integer,
    missed integer not null,
    run_id text,
    outcome text,
    unique (routine, scheduled_at)
  )`,
  // The scheduler's restart point: the newest occurrence handled per routine.
  `create index routine_tasks_routine_scheduled on routine_tasks (routine, scheduled_at desc)`,
  // overdue() and nextDeadline(): open checklists not yet alerted, by deadline; they leave the index once done or alerted.
  `create index routine_tasks_deadline on routine_tasks (due_at, id) where completed_at is null and alerted_at is null and due_at is not null`,
  // list() of open tasks, newest first.
  `create index routine_tasks_open on routine_tasks (scheduled_at desc, id) where completed_at is null`,

  `create table routine_task_items (
    task_id integer not null references routine_tasks (id),
    idx integer not null,
    text text not null,
    done_at integer,
    done_by text,
    note text,
    primary key (task_id, idx)
  )`,
];

/**
 * Routine alerts are external alerts of source 'routine'. SQLite cannot change a CHECK constraint
 * in place: the table is rebuilt from its own stored definition with the source added, so values
 * another migration allowed stay allowed.
 */
async function widenAlertSources(db: Parameters<Migration['up']>[0], add: string): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'external_alerts'`.execute(db);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'external_alerts' and sql is not null`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  const list = /check \(source in \(([^)]*)\)\)/.exec(definition);
  if (!list) throw new Error('006-routine-tasks: external_alerts has no check on source to widen');
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

export const routineTasks: Migration = {
  name: '006-routine-tasks',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await widenAlertSources(db, 'routine');
  },
};
