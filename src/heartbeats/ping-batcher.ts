import { setImmediate as nextTurn } from 'node:timers/promises';
import { GroupCommit } from '../ingest/index.ts';

/**
 * Group commit for pings (the one Events v2 uses): "200 only after commit" for every ping, and
 * each write first yields to the event loop once. On SQLite a write finishes synchronously inside
 * its own microtasks, so without the yield every ping would be its own transaction (measured:
 * 10,000 pings at 2,000/s took 10,000 transactions); with it, the requests already read from
 * their sockets join the batch. A yield is not a timer: a lone ping is still written at once.
 */
export class PingBatcher<T> extends GroupCommit<T> {
  constructor(write: (items: readonly T[]) => Promise<void>, maxBatch = 2_000) {
    super(write, maxBatch, () => nextTurn());
  }
}
