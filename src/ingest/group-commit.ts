/**
 * Group commit: what concurrent requests append while one write is in flight goes in the next
 * write, together, in one transaction. Each caller's promise settles when the write holding its
 * item has committed (or failed), so "202 only after commit" holds for every request, and at 32
 * requests in flight the store sees a few transactions instead of 32. No timer: a lone request
 * is written at once; batching comes only from the wait for the write already running.
 *
 * `gather`, when given, is awaited before each write: with a store whose writes do not wait for
 * I/O (node:sqlite runs them synchronously), a write would otherwise finish before the next
 * request is even read, and every batch would hold one item. A turn of the event loop
 * (setImmediate) lets every request already arrived join the batch.
 */
export class GroupCommit<T> {
  private readonly write: (items: readonly T[]) => Promise<void>;
  private readonly maxBatch: number;
  private readonly gather: (() => Promise<void>) | null;
  private queue: { item: T; done: (error?: unknown) => void }[] = [];
  private running = false;
  private batches = 0;
  private items = 0;

  constructor(write: (items: readonly T[]) => Promise<void>, maxBatch = 500, gather: (() => Promise<void>) | null = null) {
    this.write = write;
    this.maxBatch = maxBatch;
    this.gather = gather;
  }

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.running) void this.drain();
    });
  }

  /** Writes and items so far: items / batches is the mean batch size. */
  stats(): { batches: number; items: number } {
    return { batches: this.batches, items: this.items };
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      if (this.gather) await this.gather();
      const batch = this.queue.splice(0, this.maxBatch);
      let failure: unknown;
      try {
        await this.write(batch.map((b) => b.item));
        this.batches++;
        this.items += batch.length;
      } catch (error) {
        // The whole batch rolled back: every request in it answers 5xx and its sender retries.
        failure = error ?? new Error('group write failed');
      }
      for (const b of batch) b.done(failure);
    }
    this.running = false;
  }
}
