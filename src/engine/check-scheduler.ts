import type { Clock, Timer } from '../time/index.ts';
import { DueHeap, type DueItem } from './due-heap.ts';
import { RunQueue, type QueuedRun } from './run-queue.ts';
import { phaseOf, slotAfter, slotAtOrAfter } from './schedule-phase.ts';

export interface ScheduledCheck {
  id: string;
  intervalMs: number;
}

export interface SchedulerOptions {
  clock: Clock;
  /** Most runs in flight at once; the rest wait in a FIFO queue. */
  concurrency: number;
  /** Runs one check. Rejections and throws go to onError; the loop carries on. */
  run: (id: string, scheduledAt: number) => Promise<void>;
  /** Called as each run starts with (start - scheduledAt). */
  onLateness?: (ms: number) => void;
  onError?: (err: unknown, id: string) => void;
}

export interface SchedulerStats {
  running: number;
  queued: number;
  /** Checks in the schedule. */
  scheduled: number;
  /** Ticks not run: the check was still queued or running, or the process stalled past them. */
  skipped: number;
  /** Runs that threw or rejected. */
  errors: number;
  /** Runs started since creation. */
  started: number;
}

export interface Scheduler {
  /** Replaces the schedule, diffing by id: unchanged checks keep their slots. */
  set(checks: ReadonlyArray<ScheduledCheck>): void;
  start(): void;
  /** Stops ticking, drops queued runs and resolves once in-flight runs finish. */
  stop(): Promise<void>;
  stats(): SchedulerStats;
}

interface Entry extends DueItem, QueuedRun {
  intervalMs: number;
  phase: number;
}

const unbound = (): void => {};

/**
 * The "when" of running checks: one min-heap of next-due times and ONE clock
 * timer for its top, however many checks there are. A tick pops what is due,
 * pushes each back at its next slot and hands it to the RunQueue.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { clock } = opts;
  const entries = new Map<string, Entry>();
  // Removed while running: kept so an id re-added before that run ends still never overlaps itself.
  const retiring = new Map<string, Entry>();
  const heap = new DueHeap<Entry>();
  const runs = new RunQueue<Entry>({
    clock, concurrency: opts.concurrency, run: opts.run, onLateness: opts.onLateness, onError: opts.onError,
    onFinished: (entry) => {
      if (!entry.active && retiring.get(entry.id) === entry) retiring.delete(entry.id);
    },
  });
  let skipped = 0;
  let seq = 0;
  let started = false;
  let timer: Timer | null = null;
  let armedAt = 0;

  function newEntry(id: string, intervalMs: number): Entry {
    const entry: Entry = {
      id, intervalMs, phase: 0, dueAt: 0, seq: seq++, heapIndex: -1,
      state: 'idle', active: true, scheduledAt: 0, settled: unbound, failed: unbound,
    };
    runs.bind(entry);
    return entry;
  }

  function tick(now: number): void {
    for (let top = heap.peek(); top !== undefined && top.dueAt <= now; top = heap.peek()) {
      const slot = top.dueAt;
      top.dueAt = slot + top.intervalMs;
      if (top.dueAt <= now) {
        // Stalled past several slots (event loop blocked, machine asleep): run once, count the rest, realign.
        top.dueAt = slotAfter(now, top.intervalMs, top.phase);
        skipped += (top.dueAt - slot) / top.intervalMs - 1;
      }
      heap.update(top);
      if (!runs.offer(top, slot)) skipped++;
    }
    runs.pump();
  }

  function onTimer(): void {
    timer = null;
    if (!started) return;
    tick(clock.now());
    arm();
  }

  // Re-armed only when the earliest due time moves earlier or the timer fired.
  function arm(): void {
    const top = heap.peek();
    if (top === undefined) {
      timer?.cancel();
      timer = null;
      return;
    }
    if (timer !== null && armedAt <= top.dueAt) return;
    timer?.cancel();
    armedAt = top.dueAt;
    timer = clock.setTimer(top.dueAt - clock.now(), onTimer);
  }

  function remove(entry: Entry): void {
    entries.delete(entry.id);
    entry.active = false;
    heap.remove(entry);
    runs.withdraw(entry);
    if (entry.state === 'running') retiring.set(entry.id, entry);
  }

  function set(checks: ReadonlyArray<ScheduledCheck>): void {
    // Validate everything before touching the schedule, so a bad reload changes nothing.
    const wanted = new Map<string, number>();
    for (const { id, intervalMs } of checks) {
      if (!(Number.isFinite(intervalMs) && intervalMs > 0)) {
        throw new Error(`check ${id}: interval must be a positive number of milliseconds, found ${intervalMs}`);
      }
      if (wanted.has(id)) throw new Error(`check ${id} appears twice in the schedule; ids must be unique`);
      wanted.set(id, intervalMs);
    }
    for (const entry of entries.values()) if (!wanted.has(entry.id)) remove(entry);
    const now = clock.now();
    for (const [id, intervalMs] of wanted) {
      let entry = entries.get(id);
      if (entry !== undefined && entry.intervalMs === intervalMs) continue;
      if (entry === undefined) {
        entry = retiring.get(id) ?? newEntry(id, intervalMs);
        retiring.delete(id);
        entry.active = true;
        entries.set(id, entry);
      }
      entry.intervalMs = intervalMs;
      entry.phase = phaseOf(id, intervalMs);
      if (!started) continue;
      entry.dueAt = slotAtOrAfter(now, intervalMs, entry.phase);
      if (entry.heapIndex >= 0) heap.update(entry);
      else heap.push(entry);
    }
    if (started) arm();
  }

  function start(): void {
    if (started) return;
    started = true;
    const now = clock.now();
    const all = [...entries.values()];
    for (const entry of all) entry.dueAt = slotAtOrAfter(now, entry.intervalMs, entry.phase);
    heap.rebuild(all);
    arm();
  }

  function stop(): Promise<void> {
    started = false;
    timer?.cancel();
    timer = null;
    heap.clear();
    runs.clear();
    return runs.idle();
  }

  function stats(): SchedulerStats {
    return {
      running: runs.running, queued: runs.queued, scheduled: entries.size,
      skipped, errors: runs.errors, started: runs.started,
    };
  }

  return { set, start, stop, stats };
}
