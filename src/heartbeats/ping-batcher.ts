/**
 * Group commit for pings: what arrives while a write is in flight goes in the next one, and
 * every caller's promise settles when the write holding its item has committed (or failed), so
 * "200 only after commit" holds for every ping. Unlike the Events v2 group commit, each write
 * first yields to the event loop once: on SQLite a write finishes synchronously inside its own
 * microtasks, so without the yield every ping would be its own transaction (measured: 10,000 pings
 * at 2,000/s took 10,000 transactions); with it, the requests already read from their sockets
 * join the batch. A yield is not a timer: a lone ping is still written at once.
 */
export class PingBatcher<T> {
  private readonly write: (items: readonly T[]) => Promise<void>;
  private readonly maxBatch: number;
  private queue: { item: T; done: (error?: unknown) => void }[] = [];
  private running = false;
  private batches = 0;
  private items = 0;

  constructor(write: (items: readonly T[]) => Promise<void>, maxBatch = 2_000) {
    this.write = write;
    this.maxBatch = maxBatch;
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
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.queue.splice(0, this.maxBatch);
      let failure: unknown;
      try {
        await this.write(batch.map((b) => b.item));
        this.batches++;
        this.items += batch.length;
      } catch (error) {
        // The whole batch rolled back: every ping in it answers 500 and its sender retries (curl --retry).
        failure = error ?? new Error('ping write failed');
      }
      for (const b of batch) b.done(failure);
    }
    this.running = false;
  }
}
