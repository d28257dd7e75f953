import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config, IntegrationDef } from '../../config/index.ts';
import type { ExternalAlertTrigger, Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import type { AcceptedEvent, AcceptedOp } from '../accept-batch.ts';
import type { AlertIntake, FireInput } from '../alert-intake.ts';
import { hashRoutingKey, integrationForKey } from '../integration-keys.ts';
import { alertKey, placeTrigger, triggerInput } from './event-apply.ts';
import { accepted, changeAccepted, failed, invalid, throttled, unknownKey, type Reply } from './event-replies.ts';
import { validateChange, validateEvent } from './event-validate.ts';
import { GroupCommit } from '../group-commit.ts';
import { RateLimiter } from './rate-limit.ts';

export interface EventsReceiverDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  intake: Pick<AlertIntake, 'accept'>;
  logger: Pick<Logger, 'error'>;
  /** Where `routing_key_env` keys are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Events API v2 and change events, independent of the HTTP framework: a body as received in,
 * PagerDuty's answer out. Order of checks: JSON, fields (all at once), routing key, rate; then
 * the event is logged and its alert change recorded, together with the events of concurrent
 * requests, in one transaction, and the 202 goes out once that has committed. The incident
 * follows from the queued transition a few milliseconds later (AlertIntake.accept).
 */
export class EventsReceiver {
  private readonly deps: EventsReceiverDeps;
  private readonly limiter = new RateLimiter();
  /** Hashes of the `routing_key_env` keys of the config in use, rebuilt when the config object changes (a reload). */
  private envKeys: { config: Config; byHash: Map<string, IntegrationDef> } | null = null;
  readonly log: GroupCommit<AcceptedEvent>;

  constructor(deps: EventsReceiverDeps) {
    this.deps = deps;
    this.log = new GroupCommit((events) => deps.intake.accept(events), 500, () => nextTurn());
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
    const op: AcceptedOp = event.action === 'trigger'
      ? { kind: 'fire', alert: recorded(triggerInput(integration, event, dedupKey, place!)) }
      // An unknown key (never seen, resolved, or another integration's) does nothing: PagerDuty answers 202 too.
      : event.action === 'acknowledge' ? { kind: 'acknowledge', key, actor: `events-v2:${integration.id}` } : { kind: 'resolve', key };
    const record = { source: 'events-v2' as const, integration: integration.id, action: event.action, alertKey: key, body: text, receivedAt: this.deps.clock.now() };
    return this.commit({ record, op }, accepted(dedupKey));
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
    return this.commit({
      record: { source: 'events-v2-change', integration: integration.id, action: 'change', alertKey: null, body: text, receivedAt: now },
      op: { kind: 'change', change: {
        service: integration.service, origin: integration.id, summary: change.summary, source: change.source,
        at: change.timestamp ?? now, links: change.links, customDetails: change.customDetails,
      } },
    }, changeAccepted());
  }

  /**
   * Logs the event and records what it does, grouped with concurrent ones in one transaction, and
   * answers once that has committed; 500 if it fails (nothing of the batch was kept, and the
   * sender retries).
   */
  private async commit(event: AcceptedEvent, reply: Reply): Promise<Reply> {
    try {
      await this.log.add(event);
      return reply;
    } catch (err) {
      this.deps.logger.error({ err, integration: event.record.integration, action: event.record.action }, 'events v2: storing an event failed');
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

/** The part of a trigger the store keeps (the rest is the integration's, read again when the pipeline runs). */
function recorded(input: FireInput): ExternalAlertTrigger {
  const { autoResolve: _a, runbook: _r, escalation: _e, ...alert } = input;
  return alert;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: 'the body is empty; expected one JSON object like {"routing_key": "...", "event_action": "trigger", "payload": {...}}' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `the body is not valid JSON (${(error as Error).message}); expected one JSON object` };
  }
}
