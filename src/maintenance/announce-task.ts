import type { StoreTransaction } from '../store/index.ts';
import type { MaintenanceService } from './maintenance-service.ts';
import type { Occurrence } from './occurrence-types.ts';

/**
 * Tells the world of an occurrence: subscribers of its components through the outbox (rows
 * written in `tx`, so a failure rolls the announcement back and the next run tries again).
 * The status page needs nothing sent: it shows occurrences whose notice time has come.
 */
export type Announce = (tx: StoreTransaction, occurrence: Occurrence) => Promise<void>;

export interface AnnouncerDeps {
  maintenance: Pick<MaintenanceService, 'dueForNotice'>;
  store: { withTransaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> };
  announce: Announce;
}

/**
 * Announces every occurrence whose notice time has come and that was not announced yet. The
 * store's once-only mark and the outbox rows commit together, so across restarts and several
 * processes each occurrence is announced exactly once. Returns those this run announced.
 */
export async function announceDue(deps: AnnouncerDeps, now: number): Promise<Occurrence[]> {
  const announced: Occurrence[] = [];
  for (const o of await deps.maintenance.dueForNotice(now)) {
    const first = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.maintenance.markAnnounced(o.window, o.start, now))) return false;
      await deps.announce(tx, o);
      return true;
    });
    if (first) announced.push(o);
  }
  return announced;
}
