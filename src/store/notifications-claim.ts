import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect/store-dialect.ts';
import { byDue, toNotificationRecord } from './notification-rows.ts';
import type { NotificationRecord } from './ports.ts';
import type { StoreTables } from './store-tables.ts';

/**
 * Leases the due rows in one UPDATE whose subquery picks them: on PostgreSQL the subquery takes
 * FOR UPDATE SKIP LOCKED, so a concurrent claimer skips rows another is taking, and a row whose
 * lease was renewed after this statement's snapshot is re-checked against the WHERE before it is
 * locked (READ COMMITTED re-reads the newest version), so two claimers never both get it. One
 * statement is one round trip and needs no explicit transaction.
 */
export async function claimDueNotifications(
  db: Kysely<StoreTables>,
  dialect: StoreDialect,
  now: number,
  limit: number,
  leaseMs: number,
  owner: string,
): Promise<NotificationRecord[]> {
  if (limit <= 0) return [];
  const due = dialect.lockClaimed(
    db
      .selectFrom('notifications')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where('not_before', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit),
  );
  const rows = await db
    .updateTable('notifications')
    .set({ lease_owner: owner, lease_until: now + leaseMs })
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(toNotificationRecord).sort(byDue);
}

/**
 * The earliest time a pending row can be claimed: its next attempt, or the end of a lease that
 * holds it (a process that died mid-send), whichever is later.
 */
export async function nextNotificationDueAt(db: Kysely<StoreTables>): Promise<number | null> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) =>
      eb.fn
        .min<number | null>(
          eb.case().when('lease_until', '>', eb.ref('next_attempt_at')).then(eb.ref('lease_until')).else(eb.ref('next_attempt_at')).end(),
        )
        .as('due'),
    )
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.due ?? null;
}
