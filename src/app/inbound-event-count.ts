import type { InboundEvent, InboundEventsStore, Store, StoreTransaction } from '../store/index.ts';

type Source = InboundEvent['source'];

function counting(events: InboundEventsStore, counted: (batch: readonly { source: Source }[]) => void): InboundEventsStore {
  return {
    append: async (batch) => {
      await events.append(batch);
      counted(batch);
    },
    count: (filter) => events.count(filter),
    list: (filter) => events.list(filter),
  };
}

/**
 * The event ingest rate, counted where every receiver records what it got: the inbound log. Wrapping
 * the store keeps the receivers free of metrics code; an append inside a transaction counts once the
 * transaction commits, so a rolled-back event is not counted.
 */
export function countInboundEvents(store: Store, inc: (source: Source, n: number) => void): Store {
  const tally = (batch: readonly { source: Source }[]) => {
    const bySource = new Map<Source, number>();
    for (const event of batch) bySource.set(event.source, (bySource.get(event.source) ?? 0) + 1);
    for (const [source, n] of bySource) inc(source, n);
  };
  return {
    ...store,
    inboundEvents: counting(store.inboundEvents, tally),
    async withTransaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      const committed: { source: Source }[] = [];
      const result = await store.withTransaction((tx) => fn({ ...tx, inboundEvents: counting(tx.inboundEvents, (batch) => committed.push(...batch)) }));
      tally(committed);
      return result;
    },
  };
}
