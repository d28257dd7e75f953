import type { Kysely, Selectable } from 'kysely';
import type { RoutineTask, RoutineTaskItem, RoutineTasksStore } from './ports.ts';
import type { RoutineTaskItemsTable, RoutineTasksTable, StoreTables } from './store-tables.ts';

type NewTask = Parameters<RoutineTasksStore['claim']>[0];

export class SqlRoutineTasksStore implements RoutineTasksStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  /**
   * Insert-or-nothing on (routine, scheduled_at): the database decides which of two racing
   * processes handles the occurrence, and RETURNING says whether this one did. The items follow
   * only for the winner; a crash between the two leaves a task with no items, which the next
   * claim of the same occurrence cannot repair, so callers run claim in a transaction.
   */
  async claim(task: NewTask): Promise<RoutineTask | null> {
    const row = await this.#db
      .insertInto('routine_tasks')
      .values({
        routine: task.routine,
        scheduled_at: task.scheduledAt,
        kind: task.kind,
        title: task.title,
        assignee: task.assignee,
        created_at: task.createdAt,
        due_at: task.dueAt,
        missed: task.missed,
      })
      .onConflict((conflict) => conflict.columns(['routine', 'scheduled_at']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    if (task.items.length > 0) {
      await this.#db.insertInto('routine_task_items').values(task.items.map((text, idx) => ({ task_id: row.id, idx, text }))).execute();
    }
    return toTask(row, task.items.map((text, index) => ({ index, text, doneAt: null, doneBy: null, note: null })));
  }

  async lastScheduled(): Promise<Map<string, number>> {
    const rows = await this.#db.selectFrom('routine_tasks').select(['routine']).select((eb) => eb.fn.max('scheduled_at').as('last')).groupBy('routine').execute();
    return new Map(rows.map((r) => [r.routine, Number(r.last)]));
  }

  async get(id: number): Promise<RoutineTask | null> {
    const row = await this.#db.selectFrom('routine_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.#withItems([row]))[0]! : null;
  }

  async list(filter: { routine?: string; open?: boolean; limit: number; offset: number }): Promise<{ items: RoutineTask[]; total: number }> {
    let query = this.#db.selectFrom('routine_tasks');
    if (filter.routine !== undefined) query = query.where('routine', '=', filter.routine);
    if (filter.open === true) query = query.where('completed_at', 'is', null);
    if (filter.open === false) query = query.where('completed_at', 'is not', null);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('scheduled_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.#withItems(rows), total: Number(count.n) };
  }

  async tick(taskId: number, index: number, by: string, note: string | null, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('routine_task_items')
      .set({ done_at: at, done_by: by, note })
      .where('task_id', '=', taskId)
      .where('idx', '=', index)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** One statement, so two people ticking the last two items at once cannot both miss completing it. */
  async completeIfDone(taskId: number, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('routine_tasks')
      .set({ completed_at: at })
      .where('id', '=', taskId)
      .where('completed_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('routine_task_items').select('idx').where('task_id', '=', taskId).where('done_at', 'is', null))))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async overdue(now: number): Promise<RoutineTask[]> {
    const rows = await this.#openDeadlines().selectAll().where('due_at', '<=', now).orderBy('due_at').orderBy('id').execute();
    return this.#withItems(rows);
  }

  async nextDeadline(): Promise<number | null> {
    const row = await this.#openDeadlines().select('due_at').orderBy('due_at').orderBy('id').limit(1).executeTakeFirst();
    return row?.due_at ?? null;
  }

  async markAlerted(taskId: number, at: number): Promise<boolean> {
    const result = await this.#db.updateTable('routine_tasks').set({ alerted_at: at }).where('id', '=', taskId).where('alerted_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordRun(taskId: number, run: { runId: string | null; outcome: string; completedAt: number | null }): Promise<void> {
    await this.#db.updateTable('routine_tasks').set({ run_id: run.runId, outcome: run.outcome, completed_at: run.completedAt }).where('id', '=', taskId).execute();
  }

  /** Matches the partial index routine_tasks_deadline. */
  #openDeadlines() {
    return this.#db.selectFrom('routine_tasks').where('completed_at', 'is', null).where('alerted_at', 'is', null).where('due_at', 'is not', null);
  }

  async #withItems(rows: Selectable<RoutineTasksTable>[]): Promise<RoutineTask[]> {
    if (rows.length === 0) return [];
    const items = await this.#db.selectFrom('routine_task_items').selectAll().where('task_id', 'in', rows.map((r) => r.id)).orderBy('task_id').orderBy('idx').execute();
    const byTask = new Map<number, RoutineTaskItem[]>();
    for (const item of items) {
      const list = byTask.get(item.task_id) ?? [];
      list.push(toItem(item));
      byTask.set(item.task_id, list);
    }
    return rows.map((row) => toTask(row, byTask.get(row.id) ?? []));
  }
}

function toItem(row: Selectable<RoutineTaskItemsTable>): RoutineTaskItem {
  return { index: row.idx, text: row.text, doneAt: row.done_at, doneBy: row.done_by, note: row.note };
}

function toTask(row: Selectable<RoutineTasksTable>, items: RoutineTaskItem[]): RoutineTask {
  return {
    id: row.id,
    routine: row.routine,
    scheduledAt: row.scheduled_at,
    kind: row.kind,
    title: row.title,
    assignee: row.assignee,
    createdAt: row.created_at,
    dueAt: row.due_at,
    completedAt: row.completed_at,
    alertedAt: row.alerted_at,
    missed: row.missed,
    runId: row.run_id,
    outcome: row.outcome,
    items,
  };
}
