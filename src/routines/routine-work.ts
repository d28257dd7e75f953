import type { Config, RoutineDef } from '../config/index.ts';
import type { AlertIntake } from '../ingest/index.ts';
import type { OnCallDirectory } from '../oncall/index.ts';
import type { RoutineTask, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { deadlineAlert, runAlert, runAlertKey } from './routine-alerts.ts';
import { assigneeAt } from './routine-assignee.ts';
import type { RoutineRunbooks } from './routine-runbooks.ts';

export interface RoutineWorkDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  intake: Pick<AlertIntake, 'fire' | 'resolve'>;
  directory: Pick<OnCallDirectory, 'schedule' | 'extraOverrides'>;
  /** Null until the runner is wired: runbook routines then fail to start, and say so. */
  runbooks: RoutineRunbooks | null;
  onError: (err: unknown, what: string) => void;
}

/**
 * What an occurrence does once the scheduler has decided it is due: a checklist becomes a task, a
 * runbook routine starts its run (and alerts when it fails). Each occurrence is claimed in the
 * store first; only the process whose claim inserted the row does the work.
 */
export class RoutineWork {
  readonly #deps: RoutineWorkDeps;
  readonly #watching = new Set<Promise<void>>();
  #stopping = false;

  constructor(deps: RoutineWorkDeps) {
    this.#deps = deps;
  }

  /** The task made for this occurrence, or null when it was handled already. */
  async handle(routine: RoutineDef, at: number, missed: number, now: number): Promise<RoutineTask | null> {
    const assignee = await assigneeAt(routine, at, this.#deps.directory);
    const checklist = routine.work.kind === 'checklist';
    const task = await this.#deps.store.withTransaction((tx) => tx.routineTasks.claim({
      routine: routine.id, scheduledAt: at, kind: routine.work.kind, title: routine.title, assignee, createdAt: now,
      dueAt: checklist ? at + routine.deadlineMs : null, missed, items: routine.work.kind === 'checklist' ? routine.work.items : [],
    }));
    if (task && routine.work.kind === 'runbook') await this.#startRun(routine, task, routine.work);
    return task;
  }

  /** Open checklists past their deadline raise their alert, once each; the soonest deadline left, for the next timer. */
  async raiseOverdue(now: number): Promise<number | null> {
    const { store, intake, config } = this.#deps;
    for (const task of await store.routineTasks.overdue(now)) {
      const routine = config().routines.find((r) => r.id === task.routine);
      // A routine removed from the config raises nothing more; its task stays listed.
      if (routine) await intake.fire(deadlineAlert(routine, task));
      // Fired before marked: a crash in between fires again, which updates the same alert and pages nobody twice.
      await store.routineTasks.markAlerted(task.id, now);
    }
    return store.routineTasks.nextDeadline();
  }

  /** After a restart: runs started before it are followed again, so their failure still alerts. */
  async resumeRuns(): Promise<void> {
    const open = await this.#deps.store.routineTasks.list({ open: true, limit: 1000, offset: 0 });
    for (const task of open.items) {
      const routine = this.#deps.config().routines.find((r) => r.id === task.routine);
      if (task.kind === 'runbook' && task.runId !== null && routine) this.#watch(routine, task, task.runId);
    }
  }

  /** At shutdown the runner cancels live runs: that is recorded, but raises no alert. Call before stopping the runner. */
  stopping(): void {
    this.#stopping = true;
  }

  /** Resolves when every run being followed has ended and been recorded (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#watching.size > 0) await Promise.all([...this.#watching]);
  }

  async #startRun(routine: RoutineDef, task: RoutineTask, work: { runbook: string; params: Record<string, string> }): Promise<void> {
    const { store, clock, runbooks } = this.#deps;
    try {
      if (!runbooks) throw new Error('the runbook runner is not available in this process');
      const { runId } = await runbooks.start({ routine: routine.id, runbook: work.runbook, params: work.params });
      await store.routineTasks.recordRun(task.id, { runId, outcome: 'running', completedAt: null });
      this.#watch(routine, { ...task, runId, outcome: 'running' }, runId);
    } catch (err) {
      const why = `did not start: ${(err as Error).message}`;
      const now = clock.now();
      await store.routineTasks.recordRun(task.id, { runId: null, outcome: why, completedAt: now });
      await this.#failed(routine, { ...task, outcome: why, completedAt: now }, why);
    }
  }

  #watch(routine: RoutineDef, task: RoutineTask, runId: string): void {
    const watching = this.#followRun(routine, task, runId)
      .catch((err) => this.#deps.onError(err, `following run ${runId} of routine ${routine.id}`))
      .finally(() => this.#watching.delete(watching));
    this.#watching.add(watching);
  }

  async #followRun(routine: RoutineDef, task: RoutineTask, runId: string): Promise<void> {
    const { store, clock, intake, runbooks } = this.#deps;
    const status = runbooks ? await runbooks.finished(runId) : 'failed';
    if (status === 'running' || status === 'waiting') return;
    const now = clock.now();
    await store.routineTasks.recordRun(task.id, { runId, outcome: status, completedAt: now });
    if (status === 'succeeded') await intake.resolve(runAlertKey(routine.id));
    else if (status === 'cancelled' && this.#stopping) await store.routineTasks.recordRun(task.id, { runId, outcome: 'cancelled at shutdown', completedAt: now });
    else await this.#failed(routine, { ...task, outcome: status, completedAt: now }, `run ${runId} ${status}`);
  }

  async #failed(routine: RoutineDef, task: RoutineTask, why: string): Promise<void> {
    await this.#deps.intake.fire(runAlert(routine, task, why));
    await this.#deps.store.routineTasks.markAlerted(task.id, this.#deps.clock.now());
  }
}
