import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Runbook runs (issue 4). Same conventions as 001-initial: BIGINT identity ids and epoch ms, JSON
// as TEXT. Keep in step with ../sqlite/005-runbook-runs.ts; the comments there say why each table
// and index exists.
const statements = [
  `create table runbook_runs (
    id bigint generated always as identity primary key,
    runbook text not null,
    title text not null,
    incident_id bigint references incidents (id),
    routine text,
    params text not null,
    status text not null check (status in ('running', 'waiting', 'succeeded', 'failed', 'cancelled')),
    started_at bigint not null,
    ended_at bigint,
    actor text not null,
    dry_run boolean not null,
    owner text not null
  )`,
  `create index runbook_runs_started on runbook_runs (started_at, id)`,
  `create index runbook_runs_incident on runbook_runs (incident_id, started_at, id) where incident_id is not null`,
  `create index runbook_runs_runbook on runbook_runs (runbook, started_at, id)`,
  `create index runbook_runs_routine on runbook_runs (routine, started_at, id) where routine is not null`,
  `create index runbook_runs_unfinished on runbook_runs (id) where ended_at is null`,

  `create table runbook_run_steps (
    run_id bigint not null references runbook_runs (id),
    step_index integer not null,
    kind text not null check (kind in ('shell', 'manual', 'shown')),
    status text not null check (status in ('pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled')),
    exit_code integer,
    started_at bigint,
    ended_at bigint,
    actor text,
    note text,
    primary key (run_id, step_index)
  )`,

  `create table runbook_run_events (
    run_id bigint not null references runbook_runs (id),
    seq integer not null,
    at bigint not null,
    kind text not null check (kind in ('step', 'output', 'run')),
    step_index integer,
    stream text,
    status text,
    exit_code integer,
    text text,
    primary key (run_id, seq)
  )`,
];

export const runbookRuns: Migration = {
  name: '005-runbook-runs',
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
