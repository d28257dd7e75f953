import { sql } from 'kysely';
import type { Migration } from '../migration.ts';
import { widenAlertSources } from './widen-alert-sources.ts';

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

export const routineTasks: Migration = {
  name: '006-routine-tasks',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await widenAlertSources(db, 'routine');
  },
};
