import type { NotificationKind, NotificationMessage } from '../notify/index.ts';
import type { Subscriber } from '../store/index.ts';
import { unsubscribeUrl } from './subscriber-links.ts';

/** What is said to subscribers, the same for each of them; the footer with their own link is added per subscriber. */
export interface SubscriberNotice {
  kind: Extract<NotificationKind, 'status.update' | 'subscription.confirm' | 'maintenance.announcement'>;
  subject: string;
  text: string;
  /** The incident it is about, as subscribers may see it (no console link, no runbook). */
  incident: NotificationMessage['incident'];
}

/** The outbox row's message for one subscriber: their address and unsubscribe link travel with it, so a retry sends the same. */
export function subscriberMessage(subscriber: Subscriber, notice: SubscriberNotice, organization: string, publicUrl: string): NotificationMessage {
  const unsubscribe = unsubscribeUrl(publicUrl, subscriber.token);
  const footer = notice.kind === 'subscription.confirm'
    ? `If you did not ask for this, ignore this message; nothing is sent until the link above is followed.`
    : `You receive this because you subscribed to ${organization} status updates.\nUnsubscribe: ${unsubscribe}`;
  return {
    kind: notice.kind,
    organization,
    consoleUrl: publicUrl.replace(/\/+$/, ''),
    incident: notice.incident,
    level: null,
    round: null,
    recipient: null,
    subject: notice.subject,
    text: `${notice.text}\n\n--\n${footer}`,
    deadLetter: null,
    subscriber: { id: subscriber.id, kind: subscriber.kind, address: subscriber.address, token: subscriber.token, unsubscribeUrl: unsubscribe },
  };
}

/** The outbox channel id of a subscriber; the delivery worker asks the subscriber notifier for these. */
export const SUBSCRIBER_CHANNEL_PREFIX = 'subscriber:';

export function subscriberChannel(id: number): string {
  return `${SUBSCRIBER_CHANNEL_PREFIX}${id}`;
}
