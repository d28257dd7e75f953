import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect/store-dialect.ts';
import { claimDueNotifications, nextNotificationDueAt } from './notifications-claim.ts';
import { newNotificationRow, toDeliveryAttempt, toNotificationRecord } from './notification-rows.ts';
import type { DeliveryAttempt, NewNotification, NotificationFilter, NotificationRecord, NotificationsStore, NotificationStatus } from './ports.ts';
import type { StoreTables } from './store-tables.ts';
import { inTransaction } from './transaction-scope.ts';

type NextState = Parameters<NotificationsStore['recordAttempt']>[2];

export class SqlNotificationsStore implements NotificationsStore {
  readonly #db: Kysely<StoreTables>;
  readonly #dialect: StoreDialect;

  constructor(db: Kysely<StoreTables>, dialect: StoreDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async enqueue(rows: readonly NewNotification[]): Promise<NotificationRecord[]> {
    if (rows.length === 0) return [];
    const inserted = await this.#db
      .insertInto('notifications')
      .values(rows.map(newNotificationRow))
      .onConflict((conflict) => conflict.column('key').doNothing())
      .returningAll()
      .execute();
    return inserted.map(toNotificationRecord).sort((a, b) => a.id - b.id);
  }

  claimDue(now: number, limit: number, leaseMs: number, owner: string): Promise<NotificationRecord[]> {
    return claimDueNotifications(this.#db, this.#dialect, now, limit, leaseMs, owner);
  }

  nextDueAt(): Promise<number | null> {
    return nextNotificationDueAt(this.#db);
  }

  /**
   * The attempt is always logged: it happened. The state moves only from where it may: a row
   * cancelled while its send was in flight stays cancelled on a failure (nobody wants a retry of
   * an acknowledged page) but becomes sent on a success, because it was; a row that another
   * process already finished (our lease ran out mid-send) is left as that process left it.
   */
  recordAttempt(id: number, attempt: Omit<DeliveryAttempt, 'id' | 'notificationId'>, next: NextState): Promise<void> {
    return inTransaction(this.#db, async (tx) => {
      await tx
        .insertInto('notification_attempts')
        .values({
          notification_id: id,
          at: attempt.at,
          attempt: attempt.attempt,
          outcome: attempt.outcome,
          detail: attempt.detail,
          duration_ms: attempt.durationMs,
        })
        .execute();
      const lastError = attempt.outcome === 'sent' ? {} : { last_error: attempt.detail };
      const state =
        next.status === 'pending'
          ? { status: 'pending' as const, next_attempt_at: next.nextAttemptAt }
          : { status: next.status, finished_at: next.finishedAt };
      const from: NotificationStatus[] = next.status === 'sent' ? ['pending', 'cancelled'] : ['pending'];
      await tx
        .updateTable('notifications')
        .set({ ...state, ...lastError, lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('status', 'in', from)
        .execute();
      // Counted whatever the state did, so attempts always equals the rows in the delivery log.
      await tx
        .updateTable('notifications')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .execute();
    });
  }

  async cancelPending(incidentId: number, at: number, reason: string): Promise<number> {
    const result = await this.#db
      .updateTable('notifications')
      // The reason goes where a reader looks for "why was this not sent".
      .set({ status: 'cancelled', finished_at: at, last_error: reason, lease_owner: null, lease_until: null })
      .where('incident_id', '=', incidentId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async get(id: number): Promise<NotificationRecord | null> {
    const row = await this.#db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toNotificationRecord(row) : null;
  }

  async list(filter: NotificationFilter): Promise<{ items: NotificationRecord[]; total: number }> {
    let query = this.#db.selectFrom('notifications');
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.incidentId !== undefined) query = query.where('incident_id', '=', filter.incidentId);
    const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toNotificationRecord), total: Number(count.n) };
  }

  async attempts(notificationId: number): Promise<DeliveryAttempt[]> {
    const rows = await this.#db.selectFrom('notification_attempts').selectAll().where('notification_id', '=', notificationId).orderBy('id').execute();
    return rows.map(toDeliveryAttempt);
  }

  async counts(): Promise<Record<NotificationStatus, number>> {
    const rows = await this.#db
      .selectFrom('notifications')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<NotificationStatus, number> = { pending: 0, sent: 0, dead: 0, cancelled: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }
}
