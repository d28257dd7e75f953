import type { Clock } from '../time/index.ts';
import { FifoRing } from './fifo-ring.ts';

/**
 * The "how many at once" half of the scheduler (check-scheduler.ts decides
 * "when"): a FIFO of due checks drained into at most `concurrency` runs, so a
 * slow target cannot pile up sockets and a burst waits its turn in order.
 */
export interface QueuedRun {
  readonly id: string;
  state: 'idle' | 'queued' | 'running';
  /** False once the check left the schedule: a queued run is dropped, a running one finishes. */
  active: boolean;
  /** The slot the queued or running run belongs to. */
  scheduledAt: number;
  /** Set once by bind(), not per run, so steady-state ticks allocate no closures. */
  settled: () => void;
  failed: (err: unknown) => void;
}

export interface RunQueueOptions<T extends QueuedRun> {
  clock: Clock;
  concurrency: number;
  run: (id: string, scheduledAt: number) => Promise<void>;
  onLateness?: ((ms: number) => void) | undefined;
  onError?: ((err: unknown, id: string) => void) | undefined;
  /** A run ended (the scheduler forgets retired checks here). */
  onFinished?: ((entry: T) => void) | undefined;
}

export class RunQueue<T extends QueuedRun> {
  running = 0;
  queued = 0;
  errors = 0;
  started = 0;
  private readonly opts: RunQueueOptions<T>;
  private readonly waiting = new FifoRing<T>();
  private idleWaiters: Array<() => void> = [];

  constructor(opts: RunQueueOptions<T>) {
    if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
      throw new Error(`scheduler concurrency must be a whole number of at least 1, found ${opts.concurrency}`);
    }
    this.opts = opts;
  }

  bind(entry: T): void {
    entry.settled = () => this.finish(entry, false, undefined, true);
    entry.failed = (err) => this.finish(entry, true, err, true);
  }

  /** Queues the run unless the check is already queued or running (a check never overlaps itself). */
  offer(entry: T, scheduledAt: number): boolean {
    if (entry.state !== 'idle') return false;
    entry.state = 'queued';
    entry.scheduledAt = scheduledAt;
    this.waiting.push(entry);
    this.queued++;
    return true;
  }

  /** The entry was marked inactive while queued; pump() will pass over it. */
  withdraw(entry: T): void {
    if (entry.state === 'queued') this.queued--;
  }

  pump(): void {
    const { concurrency } = this.opts;
    if (this.waiting.length === 0 || this.running >= concurrency) return;
    const now = this.opts.clock.now();
    while (this.running < concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      if (!entry.active) {
        entry.state = 'idle';
        continue;
      }
      this.queued--;
      this.begin(entry, now);
    }
  }

  /** Drops every queued run (stop()). */
  clear(): void {
    for (let entry = this.waiting.shift(); entry !== undefined; entry = this.waiting.shift()) entry.state = 'idle';
    this.queued = 0;
  }

  /** Resolves once nothing is running. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private begin(entry: T, now: number): void {
    entry.state = 'running';
    this.running++;
    this.started++;
    if (this.opts.onLateness !== undefined) {
      try {
        this.opts.onLateness(now - entry.scheduledAt);
      } catch (err) {
        this.report(err, entry.id); // a broken metrics hook must not cost the check its run
      }
    }
    try {
      this.opts.run(entry.id, entry.scheduledAt).then(entry.settled, entry.failed);
    } catch (err) {
      // A synchronous throw: finish without re-pumping, or a queue of throwing checks would recurse once per check.
      this.finish(entry, true, err, false);
    }
  }

  private finish(entry: T, threw: boolean, err: unknown, repump: boolean): void {
    this.running--;
    entry.state = 'idle';
    if (threw) {
      this.errors++;
      this.report(err, entry.id);
    }
    this.opts.onFinished?.(entry);
    if (this.running === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (repump) this.pump();
  }

  private report(err: unknown, id: string): void {
    try {
      this.opts.onError?.(err, id);
    } catch {
      // A throwing error hook must not turn into an unhandled rejection that ends the process.
    }
  }
}
