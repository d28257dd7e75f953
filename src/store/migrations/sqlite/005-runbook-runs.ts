import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

// Runbook runs (issue 4): one row per run, one per step, and the run's event log (step changes,
// output chunks, the run's end) that the SSE stream replays. Same conventions as 001-initial:
// INTEGER epoch ms, JSON as TEXT. Keep in step with ../postgres/005-runbook-runs.ts.
const statements = [
  // params are stored with secret values already masked: the database never holds a secret.
  // owner is "<host>:<pid>" of the process running it, so a restart can tell its own orphans.
  `create table runbook_runs (
    id integer primary key,
    runbook text not null,
    title text not null,
    incident_id integer references incidents (id),
    routine text,
    params text not null,
    status text not null check (status in ('running', 'waiting', 'succeeded', 'failed', 'cancelled')),
    started_at integer not null,
    ended_at integer,
    actor text not null,
    dry_run integer not null,
    owner text not null
  )`,
  // list() newest first, whole or by incident, runbook or routine.
  `create index runbook_runs_started on runbook_runs (started_at, id)`,
  `create index runbook_runs_incident on runbook_runs (incident_id, started_at, id) where incident_id is not null`,
  `create index runbook_runs_runbook on runbook_runs (runbook, started_at, id)`,
  `create index runbook_runs_routine on runbook_runs (routine, started_at, id) where routine is not null`,
  // unfinished(): the few runs a stopped process may have left behind.
  `create index runbook_runs_unfinished on runbook_runs (id) where ended_at is null`,

  `create table runbook_run_steps (
    run_id integer not null references runbook_runs (id),
    step_index integer not null,
    kind text not null check (kind in ('shell', 'manual', 'shown')),
    status text not null check (status in ('pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled')),
    exit_code integer,
    started_at integer,
    ended_at integer,
    actor text,
    note text,
    primary key (run_id, step_index)
  )`,

  // seq is the run's own event counter (the SSE event id): events(run, after) is a range scan.
  `create table runbook_run_events (
    run_id integer not null references runbook_runs (id),
    seq integer not null,
    at integer not null,
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
