import type { Config } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import type { AlertIntake } from '../alert-intake.ts';
import { integrationForKey } from '../integration-keys.ts';
import { parseWebhookPayload } from './webhook-payload.ts';
import { planWebhook } from './webhook-plan.ts';

/** What the receiver needs of the running app (the HTTP layer's context has all of it). */
export interface WebhookReceiverDeps {
  clock: Clock;
  store: Pick<Store, 'integrationKeys' | 'inboundEvents'>;
  intake: Pick<AlertIntake, 'fire' | 'resolve'>;
  config(): Config;
  /** Where `routing_key_env` keys are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface WebhookLog {
  warn(data: object, message: string): void;
}

/**
 * One webhook from Alertmanager, as an HTTP answer. Alertmanager retries 5xx and nothing else,
 * so 4xx means "this will never work" (a bad body or key) and only our own failures throw (500).
 * Every alert is in the store before the 200.
 */
export async function receiveWebhook(deps: WebhookReceiverDeps, key: string, raw: string, log: WebhookLog): Promise<WebhookAnswer> {
  const integration = await integrationForKey(
    { keys: deps.store.integrationKeys, integrations: () => deps.config().integrations, env: deps.env ?? process.env }, key);
  if (!integration) {
    return refuse(404, 'unknown routing key: no integration has it (make one with `opsdeck integrations key create <integration>` or set the integration\'s routing_key_env)');
  }
  if (integration.type !== 'alertmanager') {
    return refuse(404, `this routing key belongs to integration ${integration.id}, which is ${integration.type}; Alertmanager's webhook_config needs an alertmanager integration's key (an events_v2 key goes with pagerduty_config to /v2/enqueue)`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    return refuse(400, `expected a JSON body (Alertmanager's webhook payload), found invalid JSON: ${(err as Error).message}`);
  }
  const parsed = parseWebhookPayload(body);
  if (!parsed.ok) return refuse(400, `not an Alertmanager webhook payload (version "4"): ${parsed.errors[0]}`, parsed.errors);
  const { payload } = parsed;

  const plan = planWebhook(integration, payload);
  let opened = 0;
  let resolved = 0;
  for (const step of plan.steps) {
    if (step.action === 'fire') {
      if ((await deps.intake.fire(step.input)).changed) opened += 1;
    } else if (await deps.intake.resolve(step.key)) {
      resolved += 1;
    }
  }
  for (const skip of plan.skipped) log.warn({ integration: integration.id, ...skip }, 'alertmanager alert skipped: no service for it');
  const single = payload.alerts.length === 1 ? plan.steps[0] : undefined;
  // After the alerts, so a retried webhook (after a 500 midway) is logged once, when it succeeds.
  await deps.store.inboundEvents.append([{
    source: 'alertmanager',
    integration: integration.id,
    action: payload.status ?? (payload.alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved'),
    alertKey: single ? (single.action === 'fire' ? single.input.key : single.key) : null,
    body: raw,
    receivedAt: deps.clock.now(),
  }]);
  return {
    status: 200,
    body: {
      status: 'success',
      integration: integration.id,
      alerts: payload.alerts.length,
      opened,
      resolved,
      skipped: plan.skipped.length,
      ...(plan.skipped.length > 0 ? { warnings: plan.skipped.map((s) => `alert ${s.fingerprint} skipped: ${s.reason}`) } : {}),
    },
  };
}

function refuse(status: number, error: string, errors?: string[]): WebhookAnswer {
  return { status, body: { status: 'error', error, ...(errors && errors.length > 1 ? { errors } : {}) } };
}
