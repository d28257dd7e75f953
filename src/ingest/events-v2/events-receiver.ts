import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config, IntegrationDef } from '../../config/index.ts';
import type { InboundEvent, Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import type { AlertIntake } from '../alert-intake.ts';
import { hashRoutingKey, integrationForKey } from '../integration-keys.ts';
import { alertKey, placeTrigger, triggerInput } from './event-apply.ts';
import { accepted, changeAccepted, failed, invalid, throttled, unknownKey, type Reply } from './event-replies.ts';
import { validateChange, validateEvent, type ValidEvent } from './event-validate.ts';
import { GroupCommit } from './group-commit.ts';
import { RateLimiter } from './rate-limit.ts';

export interface EventsReceiverDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  intake: Pick<AlertIntake, 'fire' | 'resolve' | 'acknowledge'>;
  logger: Pick<Logger, 'error'>;
  /** Where `routing_key_env` keys are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

type NewInbound = Omit<InboundEvent, 'id'>;

/**
 * Events API v2 and change events, independent of the HTTP framework: a body as received in,
 * PagerDuty's answer out. Order of checks: JSON, fields (all at once), routing key, rate, then
 * the event is logged and acted on; a 202 is sent only once both have committed.
 */
export class EventsReceiver {
  private readonly deps: EventsReceiverDeps;
  private readonly limiter = new RateLimiter();
  /** Hashes of the `routing_key_env` keys of the config in use, rebuilt when the config object changes (a reload). */
  private envKeys: { config: Config; byHash: Map<string, IntegrationDef> } | null = null;
  readonly log: GroupCommit<NewInbound>;

  constructor(deps: EventsReceiverDeps) {
    this.deps = deps;
    this.log = new GroupCommit((events) => deps.store.inboundEvents.append(events));
  }

  async enqueue(text: string): Promise<Reply> {
    const parsed = parseJson(text);
    if (!parsed.ok) return invalid([parsed.error]);
    const valid = validateEvent(parsed.value);
    if (!valid.ok) return invalid(valid.errors);
    const event = valid.value;
    const found = await this.integrationFor(event.routingKey);
    if (!found.ok) return found.reply;
    const integration = found.integration;
    const dedupKey = event.dedupKey ?? randomUUID().replaceAll('-', '');
    const key = alertKey(integration.id, dedupKey);
    let place: { service: string; severity: string } | null = null;
    if (event.action === 'trigger') {
      place = placeTrigger(integration, event.payload!);
      if (!place) return invalid([`no route of integration "${integration.id}" matches this event (component, group, class, source) and the integration has no service; add a route or a service in its config`]);
    }
    return this.commit({ source: 'events-v2', integration: integration.id, action: event.action, alertKey: key, body: text, receivedAt: this.deps.clock.now() }, async () => {
      await this.act(integration, event, dedupKey, key, place);
      return accepted(dedupKey);
    });
  }

  async change(text: string): Promise<Reply> {
    const parsed = parseJson(text);
    if (!parsed.ok) return invalid([parsed.error]);
    const valid = validateChange(parsed.value);
    if (!valid.ok) return invalid(valid.errors);
    const change = valid.value;
    const found = await this.integrationFor(change.routingKey);
    if (!found.ok) return found.reply;
    const { integration } = found;
    const now = this.deps.clock.now();
    return this.commit({ source: 'events-v2-change', integration: integration.id, action: 'change', alertKey: null, body: text, receivedAt: now }, async () => {
      await this.deps.store.changes.add({
        service: integration.service, origin: integration.id, summary: change.summary, source: change.source,
        at: change.timestamp ?? now, links: change.links, customDetails: change.customDetails,
      });
      return changeAccepted();
    });
  }

  private async act(integration: IntegrationDef, event: ValidEvent, dedupKey: string, key: string, place: { service: string; severity: string } | null): Promise<void> {
    if (event.action === 'trigger') await this.deps.intake.fire(triggerInput(integration, event, dedupKey, place!));
    // An unknown key (never seen, resolved, or another integration's) is dropped: PagerDuty answers 202 too.
    else if (event.action === 'acknowledge') await this.deps.intake.acknowledge(key, `events-v2:${integration.id}`);
    else await this.deps.intake.resolve(key);
  }

  /**
   * Logs the event as received (grouped with concurrent ones) while acting on it, and answers once
   * both have committed; 500 if either fails (the sender retries: a repeated trigger adds to its
   * alert, a repeated resolve is dropped, so a retry after a half-done event is harmless).
   */
  private async commit(record: NewInbound, then: () => Promise<Reply>): Promise<Reply> {
    try {
      const [, reply] = await Promise.all([this.log.add(record), then()]);
      return reply;
    } catch (err) {
      this.deps.logger.error({ err, integration: record.integration, action: record.action }, 'events v2: storing an event failed');
      return failed();
    }
  }

  private async integrationFor(routingKey: string): Promise<{ ok: true; integration: IntegrationDef } | { ok: false; reply: Reply }> {
    const deps = this.deps;
    const hash = hashRoutingKey(routingKey);
    // Keys from the environment are known without asking the store (a round trip on PostgreSQL for every event);
    // stored keys are looked up each time, so a revocation holds from the next event on.
    const integration = this.envKeysOf(deps.config()).get(hash) ??
      await integrationForKey({ keys: deps.store.integrationKeys, integrations: () => deps.config().integrations, env: {} }, routingKey);
    if (!integration) {
      return { ok: false, reply: unknownKey('no integration has this routing_key (or it was revoked); make one with `opsdeck integrations key create <integration>` or set the integration\'s routing_key_env') };
    }
    if (integration.type !== 'events_v2') {
      return { ok: false, reply: unknownKey(`this routing_key belongs to integration "${integration.id}", an ${integration.type} integration; Events API v2 needs an events_v2 integration`) };
    }
    const taken = this.limiter.take(hash, integration.rateLimitPerMinute, deps.clock.now());
    if (!taken.ok) return { ok: false, reply: throttled(integration.rateLimitPerMinute, taken.retryAfterMs) };
    return { ok: true, integration };
  }

  private envKeysOf(config: Config): Map<string, IntegrationDef> {
    if (this.envKeys?.config === config) return this.envKeys.byHash;
    const env = this.deps.env ?? process.env;
    const byHash = new Map<string, IntegrationDef>();
    for (const integration of config.integrations) {
      const key = integration.keyEnv === null ? undefined : env[integration.keyEnv];
      if (key !== undefined && key !== '') byHash.set(hashRoutingKey(key), integration);
    }
    this.envKeys = { config, byHash };
    return byHash;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: 'the body is empty; expected one JSON object like {"routing_key": "...", "event_action": "trigger", "payload": {...}}' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `the body is not valid JSON (${(error as Error).message}); expected one JSON object` };
  }
}
