import type { Kysely, Selectable } from 'kysely';
import type { RunbookRun, RunbookRunEvent, RunbookRunStep, RunbookRunsStore, RunbookStepStatus } from './ports.ts';
import type { RunbookRunEventsTable, RunbookRunsTable, RunbookRunStepsTable, StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

type StepPatch = Partial<Pick<RunbookRunStep, 'status' | 'exitCode' | 'startedAt' | 'endedAt' | 'actor' | 'note'>>;

export class SqlRunbookRunsStore implements RunbookRunsStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  async create(run: Omit<RunbookRun, 'id'>, owner: string, steps: readonly Pick<RunbookRunStep, 'index' | 'kind' | 'status'>[]): Promise<RunbookRun> {
    return inTransaction(this.#db, async (tx) => {
      const row = await tx
        .insertInto('runbook_runs')
        .values({
          runbook: run.runbook, title: run.title, incident_id: run.incidentId, routine: run.routine, params: JSON.stringify(run.params),
          status: run.status, started_at: run.startedAt, ended_at: run.endedAt, actor: run.actor, dry_run: run.dryRun, owner,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (steps.length > 0) {
        await tx.insertInto('runbook_run_steps')
          .values(steps.map((s) => ({ run_id: row.id, step_index: s.index, kind: s.kind, status: s.status })))
          .execute();
      }
      return toRun(row);
    });
  }

  async get(id: number): Promise<RunbookRun | null> {
    const row = await this.#db.selectFrom('runbook_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRun(row) : null;
  }

  async list(filter: { incidentId?: number; runbook?: string; routine?: string; limit: number; offset: number }): Promise<{ items: RunbookRun[]; total: number }> {
    let query = this.#db.selectFrom('runbook_runs');
    if (filter.incidentId !== undefined) query = query.where('incident_id', '=', filter.incidentId);
    if (filter.runbook !== undefined) query = query.where('runbook', '=', filter.runbook);
    if (filter.routine !== undefined) query = query.where('routine', '=', filter.routine);
    const rows = await query.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toRun), total: Number(count.n) };
  }

  async setStatus(id: number, status: RunbookRun['status'], endedAt: number | null): Promise<void> {
    await this.#db.updateTable('runbook_runs').set({ status, ended_at: endedAt }).where('id', '=', id).execute();
  }

  async updateStep(runId: number, index: number, patch: StepPatch): Promise<void> {
    const set: Partial<Selectable<RunbookRunStepsTable>> = {};
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.exitCode !== undefined) set.exit_code = patch.exitCode;
    if (patch.startedAt !== undefined) set.started_at = patch.startedAt;
    if (patch.endedAt !== undefined) set.ended_at = patch.endedAt;
    if (patch.actor !== undefined) set.actor = patch.actor;
    if (patch.note !== undefined) set.note = patch.note;
    if (Object.keys(set).length === 0) return;
    await this.#db.updateTable('runbook_run_steps').set(set).where('run_id', '=', runId).where('step_index', '=', index).execute();
  }

  async steps(runId: number): Promise<RunbookRunStep[]> {
    const rows = await this.#db.selectFrom('runbook_run_steps').selectAll().where('run_id', '=', runId).orderBy('step_index').execute();
    const chunks = await this.#db
      .selectFrom('runbook_run_events')
      .select(['step_index', 'text'])
      .where('run_id', '=', runId)
      .where('kind', '=', 'output')
      .orderBy('seq')
      .execute();
    const output = new Map<number, string[]>();
    for (const chunk of chunks) {
      const parts = output.get(chunk.step_index ?? -1) ?? [];
      parts.push(chunk.text ?? '');
      output.set(chunk.step_index ?? -1, parts);
    }
    return rows.map((row) => toStep(row, (output.get(row.step_index) ?? []).join('')));
  }

  async appendEvents(runId: number, events: readonly RunbookRunEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#db.insertInto('runbook_run_events').values(events.map((event) => toEventRow(runId, event))).execute();
  }

  async events(runId: number, after: number): Promise<RunbookRunEvent[]> {
    const rows = await this.#db.selectFrom('runbook_run_events').selectAll().where('run_id', '=', runId).where('seq', '>', after).orderBy('seq').execute();
    return rows.map(toEvent);
  }

  async unfinished(): Promise<(RunbookRun & { owner: string })[]> {
    const rows = await this.#db.selectFrom('runbook_runs').selectAll().where('ended_at', 'is', null).orderBy('id').execute();
    return rows.map((row) => ({ ...toRun(row), owner: row.owner }));
  }
}

function toRun(row: Selectable<RunbookRunsTable>): RunbookRun {
  return {
    id: row.id,
    runbook: row.runbook,
    title: row.title,
    incidentId: row.incident_id,
    routine: row.routine,
    params: JSON.parse(row.params) as Record<string, string>,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    actor: row.actor,
    dryRun: Boolean(row.dry_run),
  };
}

function toStep(row: Selectable<RunbookRunStepsTable>, output: string): RunbookRunStep {
  return {
    index: row.step_index,
    kind: row.kind,
    status: row.status,
    exitCode: row.exit_code,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    actor: row.actor,
    note: row.note,
    output,
  };
}

function toEventRow(runId: number, event: RunbookRunEvent): RunbookRunEventsTable {
  const base = { run_id: runId, seq: event.seq, at: event.at, kind: event.type, step_index: null, stream: null, status: null, exit_code: null, text: null };
  switch (event.type) {
    case 'step': return { ...base, step_index: event.index, status: event.status, exit_code: event.exitCode };
    case 'output': return { ...base, step_index: event.index, stream: event.stream, text: event.text };
    case 'run': return { ...base, status: event.status };
  }
}

function toEvent(row: Selectable<RunbookRunEventsTable>): RunbookRunEvent {
  switch (row.kind) {
    case 'step': return { seq: row.seq, at: row.at, type: 'step', index: row.step_index ?? -1, status: row.status as RunbookStepStatus, exitCode: row.exit_code };
    case 'output': return { seq: row.seq, at: row.at, type: 'output', index: row.step_index ?? -1, stream: row.stream === 'stderr' ? 'stderr' : 'stdout', text: row.text ?? '' };
    case 'run': return { seq: row.seq, at: row.at, type: 'run', status: row.status as RunbookRun['status'] };
  }
}
