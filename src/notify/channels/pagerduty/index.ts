import type { ChannelType, SendOutcome } from '../../notify-types.ts';
import { messageRenderer } from '../../templates/index.ts';
import { readSecret } from '../channel-schema.ts';
import { outcomeOfAnswer, postJson } from '../json-post.ts';
import type { HttpAnswer } from '../json-post.ts';
import { pagerdutyEvent } from './pagerduty-event.ts';
import { pagerdutySchema } from './pagerduty-schema.ts';
import type { PagerDutyConfig } from './pagerduty-schema.ts';

export type { PagerDutyConfig } from './pagerduty-schema.ts';

/**
 * PagerDuty Events API v2 (or a compatible receiver), for teams that page through PagerDuty.
 * 202 is accepted; 400 means the event itself is wrong and will stay wrong; 429 and 5xx pass.
 */
export const pagerdutyChannel: ChannelType<PagerDutyConfig> = {
  name: 'pagerduty',
  schema: pagerdutySchema,
  create(config, env) {
    const url = new URL(config.url);
    const renderer = messageRenderer(config.template);
    const severityMap = config.severity_map ?? {};
    return {
      async send(message, ctx) {
        let routingKey = config.routing_key;
        if (routingKey === undefined) {
          const secret = readSecret(env.env, config.routing_key_env ?? '', 'the PagerDuty routing key');
          if ('reason' in secret) return { ok: false, retryable: false, reason: secret.reason };
          routingKey = secret.value;
        }
        const body = pagerdutyEvent(message, renderer, { routingKey, severityMap, idempotencyKey: ctx.idempotencyKey });
        const answer = await postJson(url, {}, body, ctx, env.timeoutMs);
        return 'ok' in answer ? answer : outcomeOf(`PagerDuty events API ${url.host}`, answer);
      },
    };
  },
};

/** PagerDuty explains a 400 in `errors`; that list is what a person needs to fix the event. */
function outcomeOf(who: string, answer: HttpAnswer): SendOutcome {
  if (answer.status !== 400) return outcomeOfAnswer(who, answer);
  let explained: string | null = null;
  try {
    const parsed = JSON.parse(answer.body) as { message?: unknown; errors?: unknown };
    const errors = Array.isArray(parsed.errors) ? parsed.errors.map(String) : [];
    const message = typeof parsed.message === 'string' ? parsed.message : 'invalid event';
    explained = errors.length > 0 ? `${message}: ${errors.join('; ')}` : message;
  } catch {
    // Not PagerDuty's JSON (a proxy's page, say): the common reading quotes the body instead.
  }
  if (explained === null) return outcomeOfAnswer(who, answer);
  return { ok: false, retryable: false, reason: `${who} answered 400: ${explained}` };
}
