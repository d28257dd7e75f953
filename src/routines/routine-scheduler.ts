import type { Config, RoutineDef } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { Clock, Timer } from '../time/index.ts';
import { dueOccurrences, nextDue } from './due-occurrences.ts';
import type { RoutineWork } from './routine-work.ts';

/** The longest the scheduler sleeps: a reload, a clock jump or another process's task is noticed within it. */
export const POLL_MS = 30_000;
/** Other processes add deadlines too; this one re-reads the soonest this often. */
const DEADLINE_REFRESH_MS = 10 * 60_000;

export interface RoutineSchedulerDeps {
  clock: Clock;
  store: Pick<Store, 'routineTasks'>;
  config: () => Config;
  work: Pick<RoutineWork, 'handle' | 'raiseOverdue'>;
  /** Occurrences were passed over while Opsdeck was down: only the latest is handled, and this says so. */
  onMissed: (routine: RoutineDef, handledAt: number, missed: number) => void;
  onError: (err: unknown, what: string) => void;
}

/**
 * Feeds dueOccurrences the time: every 30 s, and at each routine's next occurrence or checklist
 * deadline when that is sooner, on the injected clock. What was handled is remembered per routine
 * (read from the store on start), so a tick with nothing due touches no database. Each occurrence
 * is handled exactly once: the store's claim on (routine, scheduledAt) decides, across restarts
 * and processes.
 */
export class RoutineScheduler {
  readonly #deps: RoutineSchedulerDeps;
  /** The newest occurrence handled, per routine. */
  readonly #last = new Map<string, number>();
  /** When a routine never handled was first seen: nothing before it is due (no burst of old occurrences for a new routine). */
  readonly #firstSeen = new Map<string, number>();
  /** Next occurrence per routine, keyed by the def itself so a reload recomputes it. */
  readonly #next = new WeakMap<RoutineDef, { after: number; at: number | null }>();
  #deadline: number | null = null;
  #deadlineReadAt = -Infinity;
  #timer: Timer | null = null;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(deps: RoutineSchedulerDeps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    for (const [routine, at] of await this.#deps.store.routineTasks.lastScheduled()) this.#last.set(routine, at);
    this.#running = this.#run(this.#deps.clock.now());
    await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    await this.#running;
  }

  /** Resolves when the tick in progress (if any) is done. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.#running;
      await seen;
    } while (seen !== this.#running);
  }

  /** One pass at `now`, read when the timer fired: the occurrence handled is the one due then, whatever the database's pace. */
  async #run(now: number): Promise<void> {
    try {
      await this.#tick(now);
    } catch (err) {
      this.#deps.onError(err, 'routine tick');
    }
    if (this.#stopped) return;
    const current = this.#deps.clock.now();
    const wake = Math.min(current + POLL_MS, this.#soonest(current));
    this.#timer = this.#deps.clock.setTimer(Math.max(0, wake - current), () => {
      this.#running = this.#run(this.#deps.clock.now());
    });
  }

  async #tick(now: number): Promise<void> {
    for (const routine of this.#deps.config().routines) {
      const last = this.#lastHandled(routine.id, now);
      const next = this.#nextAfter(routine, last);
      if (next === null || next > now) continue;
      const due = dueOccurrences(routine, last, now);
      if (!due) continue;
      try {
        const task = await this.#deps.work.handle(routine, due.at, due.missed, now);
        this.#last.set(routine.id, due.at);
        if (task && due.missed > 0) this.#deps.onMissed(routine, due.at, due.missed);
        if (task?.dueAt != null) this.#deadline = Math.min(this.#deadline ?? Infinity, task.dueAt);
      } catch (err) {
        // One routine's failure (its claim could not be written) must not hold up the others; it is tried again next tick.
        this.#deps.onError(err, `routine ${routine.id} at ${new Date(due.at).toISOString()}`);
      }
    }
    if ((this.#deadline !== null && this.#deadline <= now) || now - this.#deadlineReadAt >= DEADLINE_REFRESH_MS) {
      this.#deadline = await this.#deps.work.raiseOverdue(now);
      this.#deadlineReadAt = now;
    }
  }

  #lastHandled(routineId: string, now: number): number {
    const last = this.#last.get(routineId);
    if (last !== undefined) return last;
    if (!this.#firstSeen.has(routineId)) this.#firstSeen.set(routineId, now - 1);
    return this.#firstSeen.get(routineId)!;
  }

  #nextAfter(routine: RoutineDef, last: number): number | null {
    const cached = this.#next.get(routine);
    if (cached && cached.after === last) return cached.at;
    const at = nextDue(routine, last);
    this.#next.set(routine, { after: last, at });
    return at;
  }

  #soonest(now: number): number {
    let soonest = this.#deadline ?? Infinity;
    for (const routine of this.#deps.config().routines) {
      const at = this.#nextAfter(routine, this.#lastHandled(routine.id, now));
      if (at !== null) soonest = Math.min(soonest, at);
    }
    return soonest;
  }
}
