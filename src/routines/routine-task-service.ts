import type { Config } from '../config/index.ts';
import type { AlertIntake } from '../ingest/index.ts';
import type { RoutineTask, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { deadlineAlertKey } from './routine-alerts.ts';
import { scheduleText } from './routine-recurrence.ts';

export class RoutineTaskError extends Error {
  readonly status: 400 | 404 | 409;
  readonly field: string | undefined;
  constructor(status: 400 | 404 | 409, message: string, field?: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/** open and overdue: items left (overdue past its deadline); done, done-late; running, succeeded, failed for runs. */
export type TaskState = 'open' | 'overdue' | 'done' | 'done-late' | 'running' | 'succeeded' | 'failed';

/** A task as the API, CLI and console show it. */
export interface TaskView extends RoutineTask {
  state: TaskState;
  /** The routine's title and schedule as written now (null when it left the config). */
  routineTitle: string | null;
  schedule: string | null;
}

export function taskState(task: RoutineTask, now: number): TaskState {
  if (task.kind === 'runbook') {
    if (task.completedAt === null) return 'running';
    return task.outcome === 'succeeded' ? 'succeeded' : 'failed';
  }
  const late = task.dueAt !== null && (task.completedAt ?? now) > task.dueAt;
  if (task.completedAt === null) return late ? 'overdue' : 'open';
  return late ? 'done-late' : 'done';
}

export interface RoutineTaskServiceDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  intake: Pick<AlertIntake, 'resolve'>;
}

/** People's side of routines: the tasks, and ticking their items. */
export class RoutineTaskService {
  readonly #deps: RoutineTaskServiceDeps;

  constructor(deps: RoutineTaskServiceDeps) {
    this.#deps = deps;
  }

  async list(filter: { routine?: string; open?: boolean; limit: number; offset: number }): Promise<{ items: TaskView[]; total: number }> {
    const page = await this.#deps.store.routineTasks.list(filter);
    return { items: page.items.map((t) => this.view(t)), total: page.total };
  }

  async get(id: number): Promise<TaskView> {
    const task = await this.#deps.store.routineTasks.get(id);
    if (!task) throw new RoutineTaskError(404, `no routine task ${id}`);
    return this.view(task);
  }

  /**
   * Ticks item `index` with an optional note. The last tick completes the task; a task completed
   * after its deadline alert resolves that alert (and so its incident).
   */
  async tick(id: number, index: number, by: string, note: string | null): Promise<TaskView> {
    const { store, clock, intake } = this.#deps;
    const task = await store.routineTasks.get(id);
    if (!task) throw new RoutineTaskError(404, `no routine task ${id}`);
    if (task.kind !== 'checklist') throw new RoutineTaskError(409, `routine task ${id} is a runbook run (run ${task.runId ?? 'not started'}); only checklist items are ticked`);
    const item = task.items[index];
    if (!item) throw new RoutineTaskError(404, `routine task ${id} has no item ${index}; its items are 0 to ${task.items.length - 1}`, 'index');
    if (item.doneAt !== null) {
      throw new RoutineTaskError(409, `item ${index} ("${item.text}") was ticked by ${item.doneBy} at ${new Date(item.doneAt).toISOString()}`, 'index');
    }
    const now = clock.now();
    const { ticked, completed } = await store.withTransaction(async (tx) => {
      const ticked = await tx.routineTasks.tick(id, index, by, note, now);
      return { ticked, completed: ticked && (await tx.routineTasks.completeIfDone(id, now)) };
    });
    const after = (await store.routineTasks.get(id))!;
    if (!ticked) {
      const raced = after.items[index]!;
      throw new RoutineTaskError(409, `item ${index} ("${raced.text}") was ticked by ${raced.doneBy} at ${new Date(raced.doneAt ?? now).toISOString()}`, 'index');
    }
    if (completed && after.alertedAt !== null) await intake.resolve(deadlineAlertKey(after));
    return this.view(after);
  }

  view(task: RoutineTask): TaskView {
    const routine = this.#deps.config().routines.find((r) => r.id === task.routine);
    return { ...task, state: taskState(task, this.#deps.clock.now()), routineTitle: routine?.title ?? null, schedule: routine ? scheduleText(routine) : null };
  }
}
