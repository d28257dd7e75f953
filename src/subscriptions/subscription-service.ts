import { z } from 'zod';
import type { Config } from '../config/index.ts';
import type { Store, Subscriber } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { notifySubscribers, type SubscriberFanOut } from './notify-subscribers.ts';
import { confirmUrl, newSubscriberToken } from './subscriber-links.ts';
import { subscriberChannel, subscriberMessage } from './subscriber-messages.ts';
import { SubscriptionError } from './subscription-error.ts';

export interface SubscriptionDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  /** server.public_url, else the listen address: where confirm and unsubscribe links point. */
  publicUrl: () => string;
  /** Wakes the delivery worker after something was queued. */
  queued?: () => void;
}

const email = z.email();
const webhookUrl = z.url({ protocol: /^https?$/ });

/** A subscriber as an admin sees it: the token is a capability and never leaves the server. */
export type SubscriberView = Omit<Subscriber, 'token'>;

export function subscriberView({ token: _token, ...rest }: Subscriber): SubscriberView {
  return rest;
}

/** Status-page subscriptions: email with double opt-in, webhooks added by an admin, and the links that end them. */
export class Subscriptions {
  readonly #deps: SubscriptionDeps;

  constructor(deps: SubscriptionDeps) {
    this.#deps = deps;
  }

  /** Creates an unconfirmed email subscriber and queues the mail with its confirm link; nothing else is sent until it is followed. */
  async subscribeEmail(address: string, components: readonly string[] = []): Promise<SubscriberView> {
    const config = this.#deps.config();
    if (!config.subscriptions.email) throw new SubscriptionError(403, 'email subscriptions are switched off (subscriptions.email in the config)');
    if (config.notifications.smtp === null) throw new SubscriptionError(403, 'email subscriptions need notifications.smtp in the config; none is set');
    const trimmed = address.trim();
    if (!email.safeParse(trimmed).success) throw new SubscriptionError(400, `expected an email address like you@example.com, found ${JSON.stringify(address)}`, 'email');
    const wanted = this.#checkComponents(config, components);
    const now = this.#deps.clock.now();
    const publicUrl = this.#deps.publicUrl();
    const subscriber = await this.#deps.store.withTransaction(async (tx) => {
      const created = await tx.subscribers.create({ kind: 'email', address: trimmed, components: wanted, token: newSubscriberToken(), createdAt: now });
      const link = confirmUrl(publicUrl, created.token);
      await tx.notifications.enqueue([{
        key: `subscription-confirm:${created.id}`, incidentId: null, channel: subscriberChannel(created.id), recipient: null, createdAt: now, notBefore: now,
        message: subscriberMessage(created, {
          kind: 'subscription.confirm', incident: null,
          subject: `Confirm your subscription to ${config.organization} status updates`,
          text: `Someone (we hope you) asked to receive ${config.organization} status updates at ${trimmed}${this.#scope(config, wanted)}.\n\nConfirm: ${link}`,
        }, config.organization, publicUrl),
      }]);
      return created;
    });
    this.#deps.queued?.();
    return subscriberView(subscriber);
  }

  /** An admin adds a webhook; it is confirmed at once (no inbox to confirm from). */
  async addWebhook(url: string, components: readonly string[] = []): Promise<SubscriberView> {
    const config = this.#deps.config();
    if (!config.subscriptions.webhook) throw new SubscriptionError(403, 'webhook subscriptions are switched off (subscriptions.webhook in the config)');
    if (!webhookUrl.safeParse(url).success) throw new SubscriptionError(400, `expected an http:// or https:// URL, found ${JSON.stringify(url)}`, 'url');
    const now = this.#deps.clock.now();
    const created = await this.#deps.store.subscribers.create({
      kind: 'webhook', address: url, components: this.#checkComponents(config, components), token: newSubscriberToken(), createdAt: now, confirmedAt: now,
    });
    return subscriberView(created);
  }

  /** 'confirmed' the first time, 'already' after; unknown tokens are a 404. */
  async confirm(token: string): Promise<{ outcome: 'confirmed' | 'already'; subscriber: SubscriberView }> {
    const subscriber = await this.#known(token);
    const confirmed = await this.#deps.store.subscribers.confirm(token, this.#deps.clock.now());
    return { outcome: confirmed ? 'confirmed' : 'already', subscriber: subscriberView(subscriber) };
  }

  async unsubscribe(token: string): Promise<{ outcome: 'unsubscribed' | 'already'; subscriber: SubscriberView }> {
    const subscriber = await this.#known(token);
    const done = await this.#deps.store.subscribers.unsubscribe(token, this.#deps.clock.now());
    return { outcome: done ? 'unsubscribed' : 'already', subscriber: subscriberView(subscriber) };
  }

  /** For the unsubscribe page: who the link belongs to, without changing anything. */
  async lookup(token: string): Promise<SubscriberView> {
    return subscriberView(await this.#known(token));
  }

  async list(limit: number, offset: number): Promise<{ items: SubscriberView[]; total: number }> {
    const page = await this.#deps.store.subscribers.list(limit, offset);
    return { items: page.items.map(subscriberView), total: page.total };
  }

  /** Queues a notice to every interested subscriber (public updates, maintenance announcements); returns how many. */
  async notify(notice: SubscriberFanOut): Promise<number> {
    const queued = await notifySubscribers(this.#deps.store, { organization: this.#deps.config().organization, publicUrl: this.#deps.publicUrl(), now: this.#deps.clock.now() }, notice);
    if (queued > 0) this.#deps.queued?.();
    return queued;
  }

  async #known(token: string): Promise<Subscriber> {
    const subscriber = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? await this.#deps.store.subscribers.byToken(token) : null;
    if (!subscriber) throw new SubscriptionError(404, 'this link is not valid: it may be mistyped or cut short; subscribe again from the status page');
    return subscriber;
  }

  #checkComponents(config: Config, ids: readonly string[]): string[] {
    const known = new Set(config.statusPages.flatMap((p) => p.groups.flatMap((g) => g.components.map((c) => c.id))));
    for (const id of ids) {
      if (!known.has(id)) throw new SubscriptionError(400, `unknown component "${id}"; components: ${[...known].join(', ') || 'none are configured'}`, 'components');
    }
    return [...new Set(ids)];
  }

  #scope(config: Config, ids: readonly string[]): string {
    if (ids.length === 0) return '';
    const names = new Map(config.statusPages.flatMap((p) => p.groups.flatMap((g) => g.components.map((c) => [c.id, c.name] as const))));
    return ` about ${ids.map((id) => names.get(id) ?? id).join(', ')}`;
  }
}
