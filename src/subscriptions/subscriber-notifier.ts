import type { SmtpSettings } from '../config/index.ts';
import { findChannelType, type Notifier } from '../notify/index.ts';
import type { Store } from '../store/index.ts';
import { SUBSCRIBER_CHANNEL_PREFIX } from './subscriber-messages.ts';

export interface SubscriberNotifierDeps {
  store: Pick<Store, 'subscribers'>;
  /** Read at send time, so a reloaded notifications.smtp applies to rows already queued. */
  smtp: () => SmtpSettings | null;
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
}

// Subscriber messages are written whole when queued; the channel only carries them.
const AS_WRITTEN = { subject: '{{subject}}', text: '{{text}}' };

/**
 * The notifier behind every "subscriber:<id>" channel: the email or webhook channel type, built
 * for the address the queued message names. Someone who unsubscribed after a message was queued
 * is not sent it; that counts as done (a dead letter would page the team about a customer's choice).
 */
export function subscriberNotifiers(deps: SubscriberNotifierDeps): (channel: string) => Notifier | undefined {
  const notifier: Notifier = {
    async send(message, ctx) {
      const to = message.subscriber;
      if (!to) return { ok: false, retryable: false, reason: 'a subscriber channel was given a message without a subscriber; this is a bug' };
      const current = await deps.store.subscribers.byToken(to.token);
      if (!current || current.unsubscribedAt !== null) {
        return { ok: true, detail: `not sent: ${to.address} unsubscribed${current?.unsubscribedAt ? ` at ${new Date(current.unsubscribedAt).toISOString()}` : ''}` };
      }
      const type = findChannelType(to.kind);
      if (!type) return { ok: false, retryable: false, reason: `no channel type "${to.kind}" is registered` };
      const block = to.kind === 'email' ? { to: [to.address], template: AS_WRITTEN } : { url: to.address, template: AS_WRITTEN };
      const parsed = type.schema.safeParse(block);
      if (!parsed.success) return { ok: false, retryable: false, reason: `subscriber ${to.id}: ${parsed.error.issues[0]?.message ?? 'invalid address'}` };
      return type.create(parsed.data, { smtp: deps.smtp(), env: deps.env, timeoutMs: deps.timeoutMs }).send(message, ctx);
    },
  };
  return (channel) => (channel.startsWith(SUBSCRIBER_CHANNEL_PREFIX) ? notifier : undefined);
}
