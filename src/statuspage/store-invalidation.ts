import type { Store, StoreTransaction } from '../store/index.ts';

type Writes = Pick<StoreTransaction, 'incidents' | 'statusUpdates' | 'maintenance'>;

/** The repository as it is, but calling `changed` after each of the named writes resolves. */
function telling<T extends object>(repo: T, writes: readonly (keyof T)[], changed: () => void): T {
  return new Proxy(repo, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (!writes.includes(prop as keyof T)) return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        changed();
        return result;
      };
    },
  });
}

function watched(repos: Writes, changed: () => void): Writes {
  return {
    incidents: telling(repos.incidents, ['openOrAppend', 'update', 'addEvent'], changed),
    statusUpdates: telling(repos.statusUpdates, ['add'], changed),
    maintenance: telling(repos.maintenance, ['addChange'], changed),
  };
}

/**
 * The store, telling `changed` after every write a status page shows: an incident opened or
 * changed, a status update posted, a maintenance window ended early, extended or made. One
 * wrapper where every writer already goes, instead of a call in each service. A write inside a
 * transaction tells once the transaction has committed (a rolled-back one tells nothing).
 */
export function invalidateOnWrites(store: Store, changed: () => void): Store {
  return {
    ...store,
    ...watched(store, changed),
    async withTransaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      let wrote = false;
      const result = await store.withTransaction((tx) => fn({ ...tx, ...watched(tx, () => { wrote = true; }) }));
      if (wrote) changed();
      return result;
    },
  };
}
