import type { NotificationRecord, Store } from '../../store/index.ts';
import type { DeliveryDecision } from './delivery-decision.ts';

/**
 * The attempt, its line on the incident timeline and the dead letter commit together: a crash
 * between them cannot leave a dead row whose fallback was never told.
 *
 * A failed attempt on a row that was cancelled (or finished by another process) while the send
 * was in flight changes nothing (see NotificationsStore.recordAttempt): then the log says so
 * instead of promising a retry, and no dead letter is written.
 */
export async function recordDelivery(store: Store, row: NotificationRecord, decision: DeliveryDecision, at: number): Promise<void> {
  await store.withTransaction(async (tx) => {
    await tx.notifications.recordAttempt(row.id, decision.attempt, decision.next);
    let timeline = decision.timeline;
    let deadLetter = decision.deadLetter;
    if (decision.next.status !== 'sent') {
      const now = await tx.notifications.get(row.id);
      if (now && now.status !== decision.next.status) {
        timeline = `${row.channel}: attempt ${decision.attempt.attempt} failed (${decision.attempt.detail}); not retried, the notification is ${now.status}${now.lastError && now.status === 'cancelled' ? ` (${now.lastError})` : ''}`;
        deadLetter = null;
      }
    }
    if (deadLetter) await tx.notifications.enqueue([deadLetter]);
    if (row.incidentId !== null) {
      await tx.incidents.addEvent(row.incidentId, {
        at,
        kind: 'delivery',
        actor: 'system',
        message: timeline,
        data: { notificationId: row.id, channel: row.channel, attempt: decision.attempt.attempt, outcome: decision.attempt.outcome },
      });
    }
  });
}
