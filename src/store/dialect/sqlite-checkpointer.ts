import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { yieldToEventLoop } from '../compaction-units.ts';

/**
 * An append of this many rows starts the worker (500 a second is ~15,000 checks every 30 s), and
 * so do this many rows of small writes within one second (Events API v2 at 500 events a second).
 */
export const WORKER_FROM_ROWS = 500;
/** SQLite's own default: the main connection checkpoints once the WAL holds this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/**
 * While the worker checkpoints, the main connection steps in only past this many pages
 * (~40 MB): only if the worker cannot keep up or a long reader pins the WAL.
 */
const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;
/** The worker also checkpoints on its own this often, besides when a writer asks. */
const CHECKPOINT_EVERY_MS = 1_000;
/**
 * How stale the last complete checkpoint may be before a burst of writes waits for one. Each
 * append waits for one, so the WAL never holds much more than one batch (~2,000 pages at 50,000
 * checks); the wait is the worker copying the previous batch, with the event loop free.
 * Compaction writes flat out, so its units wait only every 50 ms, which holds the WAL to a few
 * thousand pages. (A checkpoint that never finishes never lets the WAL restart: compaction
 * writing flat out would grow it by gigabytes.)
 */
const APPEND_CATCH_UP_MS = 0;
const COMPACTION_CATCH_UP_MS = 50;

/**
 * Who copies the WAL back into the database file. SQLite's automatic checkpoint runs inside
 * whichever commit crosses wal_autocheckpoint pages, on the thread that committed: at 50,000
 * checks that was nearly every append, its page copying and fsyncs blocking the event loop.
 * Once appends are that large, a worker thread does it instead, on its own connection (WAL
 * allows a checkpoint while the main connection reads and writes), and writers wait for it
 * without blocking (beforeAppend, betweenCompactionUnits). Below that, SQLite's own checkpoint
 * stays: ~10 ms every few seconds at a few thousand checks, where a thread would cost ~20 MB.
 *
 * Measured with 50,000 checks, 3,000,000 raw rows in the table, a 1,700-row append every
 * 250 ms (a one-off script, not a test; two runs each): the event loop was blocked p50 94-99 /
 * p99 108-111 / max 109-118 ms per append with SQLite's own checkpoint and Kysely's 500-row
 * INSERTs, and p50 29-30 / p99 33 / max 34 ms with the worker and the prepared INSERT (process
 * CPU per append, both threads: 63 -> 39-45 ms). What is left is B-tree work: each row lands on
 * its own page of the (check_id, at) index, and the commit writes each such page to the WAL.
 */
export class WalCheckpoints {
  readonly #db: DatabaseSync;
  readonly #file: string;
  #worker: CheckpointWorker | null = null;
  #lost = false;
  #windowStart = -Infinity;
  #windowRows = 0;

  constructor(db: DatabaseSync, file: string) {
    this.#db = db;
    this.#file = file;
  }

  beforeAppend(rows: number): Promise<void> {
    if (this.#worker === null && !this.#lost && rows >= WORKER_FROM_ROWS) this.#start();
    return this.#worker ? this.#worker.catchUp(APPEND_CATCH_UP_MS) : Promise.resolve();
  }

  /**
   * Small writes that add up: at a few thousand events a second, each 1 KB event a page of its
   * own, SQLite's own checkpoint (copy and fsync, every 1,000 pages) ran in every few hundredth
   * commit on the event loop, a quarter of the ingest's time (bench events, SQLite, with the
   * pipeline held back to see ingest alone: 3,970 -> 5,482 new alerts a second with the worker,
   * medians of 3 in one session). Writers do not wait for the worker
   * here: a second of events is a few thousand pages, under the 10,000-page backstop.
   */
  wrote(rows: number): void {
    if (this.#worker !== null || this.#lost) return;
    const now = performance.now();
    if (now - this.#windowStart >= 1_000) {
      this.#windowStart = now;
      this.#windowRows = 0;
    }
    this.#windowRows += rows;
    if (this.#windowRows >= WORKER_FROM_ROWS) this.#start();
  }

  betweenCompactionUnits(): Promise<void> {
    return this.#worker ? this.#worker.catchUp(COMPACTION_CATCH_UP_MS) : yieldToEventLoop();
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.stop();
  }

  #start(): void {
    this.#db.exec(`pragma wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    this.#worker = startCheckpointWorker(this.#file, CHECKPOINT_EVERY_MS, () => {
      // Failed to start or crashed: SQLite's own checkpoint takes over again, for good.
      this.#worker = null;
      this.#lost = true;
      if (this.#db.isOpen) this.#db.exec(`pragma wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    });
  }
}

export interface CheckpointWorker {
  /**
   * Resolves after a yield if the worker completed a checkpoint within the last maxAgeMs;
   * otherwise has it checkpoint now and resolves when it is done. Waiting here before a burst
   * of writes gives the checkpoint a quiet WAL to finish, so that the next write starts the
   * WAL over instead of growing it.
   */
  catchUp(maxAgeMs: number): Promise<void>;
  /** Stops the worker and closes its connection; resolves once it has exited. */
  stop(): Promise<void>;
}

/** What the worker posts after each round. */
export interface CheckpointRound {
  requested: boolean;
  /** Every frame in the WAL is in the database file: the next write transaction restarts the WAL. */
  complete: boolean;
}

/** onLost runs if the worker exits before stop() (it failed to start or crashed); catchUp() then only yields. */
export function startCheckpointWorker(file: string, everyMs: number, onLost: () => void): CheckpointWorker {
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
    async catchUp(maxAgeMs) {
      if (alive && !stopping && performance.now() - completedAt >= maxAgeMs) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          worker.postMessage('checkpoint');
        });
      }
      // The reply arrives in the poll phase, maybe right after other long work there.
      await yieldToEventLoop();
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
