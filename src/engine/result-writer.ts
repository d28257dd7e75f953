import type { CheckResult } from '../checks/check-result.ts';
import type { ResultsStore } from '../store/ports.ts';
import type { Clock, Timer } from '../time/index.ts';

export interface ResultWriterOptions {
  clock: Clock;
  store: Pick<ResultsStore, 'append'>;
  /** How long a result may wait for company before it is written. */
  flushEveryMs?: number;
  /** Rows per append call; reaching it flushes at once. */
  maxBatch?: number;
  /** Unwritten results kept while the store fails; beyond it the oldest go. */
  maxPending?: number;
  onError?: (err: unknown) => void;
}

export interface ResultWriterStats {
  /** Accepted but not yet written (including a batch being written). */
  pending: number;
  written: number;
  /** Append calls that failed (their rows stay pending and are retried). */
  failed: number;
  /** Rows given up on: oldest beyond maxPending, or added after close(). */
  dropped: number;
}

export interface ResultWriter {
  add(result: CheckResult): void;
  /** Writes everything added so far; failures go to onError and stay pending. */
  flush(): Promise<void>;
  /** Flushes what is left; rejects if some of it could not be written. */
  close(): Promise<void>;
  stats(): ResultWriterStats;
}

/**
 * Batches results into one append per flush: 50,000 checks at 30 s are ~1,700
 * rows a second, which as single-row inserts would swamp SQLite. A failing store
 * keeps its rows for the next flush, bounded, because results are history: losing
 * the oldest beats running out of memory (alerts do not depend on them being stored).
 */
export function createResultWriter(opts: ResultWriterOptions): ResultWriter {
  const { clock, store } = opts;
  const flushEveryMs = opts.flushEveryMs ?? 1000;
  const maxBatch = opts.maxBatch ?? 2000;
  const maxPending = Math.max(opts.maxPending ?? 100_000, maxBatch);
  // buffer[head..] waits; a consumed prefix is trimmed lazily so taking a batch is not O(pending).
  let buffer: CheckResult[] = [];
  let head = 0;
  let inflight = 0;
  let written = 0;
  let failed = 0;
  let dropped = 0;
  let failing = false;
  let closed = false;
  let timer: Timer | null = null;
  let flushing: Promise<void> | null = null;

  const waitingCount = (): number => buffer.length - head;

  function take(n: number): CheckResult[] {
    const batch = buffer.slice(head, head + n);
    skip(batch.length);
    return batch;
  }

  function skip(n: number): void {
    head += n;
    if (head === buffer.length) {
      buffer = [];
      head = 0;
    } else if (head > 4096 && head * 2 > buffer.length) {
      buffer = buffer.slice(head);
      head = 0;
    }
  }

  // The batch in flight is not counted: if it fails it comes back at the front and is then the oldest to go.
  function dropOverflow(): void {
    const excess = waitingCount() - maxPending;
    if (excess > 0) {
      dropped += excess;
      skip(excess);
    }
  }

  function arm(): void {
    if (timer === null && !closed && waitingCount() > 0) timer = clock.setTimer(flushEveryMs, onTimer);
  }

  function onTimer(): void {
    timer = null;
    void flush();
  }

  function reportError(err: unknown): void {
    try {
      opts.onError?.(err);
    } catch {
      // The hook runs inside a flush; throwing from it must not leave the writer stuck.
    }
  }

  // Writes only what was waiting when the flush began: rows arriving meanwhile wait for the next
  // timer or a full batch, or a slow store would turn one flush into a stream of tiny appends.
  async function drain(): Promise<void> {
    for (let owed = waitingCount(); owed > 0; ) {
      const batch = take(Math.min(owed, maxBatch));
      owed -= batch.length;
      inflight = batch.length;
      try {
        await store.append(batch);
        written += batch.length;
        failing = false;
      } catch (err) {
        failed++;
        failing = true;
        // Back at the front, in order, for the next flush.
        buffer = batch.concat(buffer.slice(head));
        head = 0;
        dropOverflow();
        reportError(err);
        return;
      } finally {
        inflight = 0;
      }
    }
  }

  async function flush(): Promise<void> {
    // One append at a time (SQLite has one writer); a caller arriving mid-flush waits, then flushes its own rows.
    while (flushing !== null) await flushing;
    if (waitingCount() === 0) return;
    timer?.cancel();
    timer = null;
    flushing = drain();
    try {
      await flushing;
    } finally {
      flushing = null;
      if (waitingCount() >= maxBatch && !failing && !closed) void flush();
      else arm();
    }
  }

  function add(result: CheckResult): void {
    if (closed) {
      dropped++;
      reportError(new Error(`result for ${result.checkId} arrived after the result writer closed; stop the scheduler before closing the writer`));
      return;
    }
    buffer.push(result);
    dropOverflow();
    // While the store is failing, wait for the timer instead of retrying on every add.
    if (waitingCount() >= maxBatch && flushing === null && !failing) void flush();
    else arm();
  }

  async function close(): Promise<void> {
    closed = true;
    timer?.cancel();
    timer = null;
    await flush();
    const left = waitingCount();
    if (left > 0) throw new Error(`result writer closed with ${left} results unwritten because the store failed; see the errors reported before this`);
  }

  function stats(): ResultWriterStats {
    return { pending: waitingCount() + inflight, written, failed, dropped };
  }

  return { add, flush, close, stats };
}
