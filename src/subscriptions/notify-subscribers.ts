import type { StoreTransaction } from '../store/index.ts';
import { subscriberChannel, subscriberMessage, type SubscriberNotice } from './subscriber-messages.ts';

export interface SubscriberFanOut extends SubscriberNotice {
  /** Idempotency key prefix, e.g. "status-update:<updateId>"; each row is "<prefix>:<subscriberId>". */
  key: string;
  /** Components it concerns: subscribers of any of them and subscribers of everything hear of it. */
  components: readonly string[];
}

/**
 * One outbox row per confirmed subscriber who cares about these components, through the same
 * delivery worker, retry and dead-letter machinery as pages. Rows carry no incident id, so an
 * acknowledgement or resolution (which cancels an incident's pending pages) never cancels what
 * customers are told. Re-running with the same key queues nothing twice. Returns the rows queued.
 */
export async function notifySubscribers(
  store: Pick<StoreTransaction, 'subscribers' | 'notifications'>,
  context: { organization: string; publicUrl: string; now: number },
  notice: SubscriberFanOut,
): Promise<number> {
  const audience = await store.subscribers.audience(notice.components);
  if (audience.length === 0) return 0;
  const { key, components: _components, ...said } = notice;
  const inserted = await store.notifications.enqueue(audience.map((subscriber) => ({
    key: `${key}:${subscriber.id}`, incidentId: null, channel: subscriberChannel(subscriber.id), recipient: null,
    message: subscriberMessage(subscriber, said, context.organization, context.publicUrl),
    createdAt: context.now, notBefore: context.now,
  })));
  return inserted.length;
}
