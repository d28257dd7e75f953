import { Worker } from 'node:worker_threads';
import { yieldToEventLoop } from '../compaction-units.ts';

export interface Checkpointer {
  /**
   * Resolves at once (after a yield) if the worker completed a checkpoint within the last
   * maxAgeMs; otherwise has it checkpoint now and resolves when it is done. A writer that waits
   * here before a burst of writes gives the checkpoint a quiet WAL to finish, so that the next
   * write starts the WAL over instead of growing it. (Writing flat out, compaction would grow
   * it by gigabytes: a checkpoint that never finishes never lets the WAL restart.)
   */
  catchUp(maxAgeMs: number): Promise<void>;
  /** Stops the worker and closes its connection; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** The worker also checkpoints on this timer, to keep up between bursts. */
  everyMs: number;
  /** Runs if the worker exits before stop() (it failed to start or crashed); catchUp() then only yields. */
  onLost: () => void;
}

/** What the worker posts after each round. */
export interface CheckpointRound {
  requested: boolean;
  /** Every frame in the WAL is in the database file: the next write transaction restarts the WAL. */
  complete: boolean;
}

/**
 * Copies the WAL back into the database file from a worker thread. SQLite's automatic
 * checkpoint runs inside whichever commit crosses wal_autocheckpoint pages, on the thread
 * that committed: at 50,000 checks that was nearly every append, its page copying and fsyncs
 * blocking the event loop. Here it runs beside the event loop, on its own connection (WAL
 * allows a checkpoint while the main connection reads and writes).
 */
export function startCheckpointer(file: string, { everyMs, onLost }: CheckpointerOptions): Checkpointer {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), { workerData: { file, everyMs } });
  // Never the reason the process stays up; stop() ends it properly.
  worker.unref();
  let alive = true;
  let stopping = false;
  let completedAt = -Infinity;
  // Requested rounds are answered in order.
  const waiting: (() => void)[] = [];
  worker.on('message', (round: CheckpointRound) => {
    if (round.complete) completedAt = performance.now();
    if (round.requested) waiting.shift()?.();
  });
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      alive = false;
      for (const resolveWaiter of waiting.splice(0)) resolveWaiter();
      if (!stopping) onLost();
      resolve();
    });
  });
  return {
    catchUp(maxAgeMs) {
      if (!alive || stopping || performance.now() - completedAt < maxAgeMs) return yieldToEventLoop();
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      stopping = true;
      // Unreferenced, the worker would not keep the process up while this waits for it.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
