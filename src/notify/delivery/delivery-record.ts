import type { NotificationRecord, Store } from '../../store/index.ts';
import type { DeliveryDecision } from './delivery-decision.ts';

/**
 * The attempt, its line on the incident timeline and the dead letter commit together: a crash
 * between them cannot leave a dead row whose fallback was never told.
 */
export async function recordDelivery(store: Store, row: NotificationRecord, decision: DeliveryDecision, at: number): Promise<void> {
  await store.withTransaction(async (tx) => {
    await tx.notifications.recordAttempt(row.id, decision.attempt, decision.next);
    if (decision.deadLetter) await tx.notifications.enqueue([decision.deadLetter]);
    if (row.incidentId !== null) {
      await tx.incidents.addEvent(row.incidentId, {
        at,
        kind: 'delivery',
        actor: 'system',
        message: decision.timeline,
        data: { notificationId: row.id, channel: row.channel, attempt: decision.attempt.attempt, outcome: decision.attempt.outcome },
      });
    }
  });
}
