import type { ChannelType } from '../../notify-types.ts';
import { messageRenderer } from '../../templates/index.ts';
import { readSecret } from '../channel-schema.ts';
import { outcomeOfAnswer, postJson } from '../json-post.ts';
import { webhookBody } from './webhook-body.ts';
import { webhookSchema } from './webhook-schema.ts';
import type { WebhookConfig } from './webhook-schema.ts';
import { webhookSignature } from './webhook-signature.ts';

export { webhookSignature } from './webhook-signature.ts';
export type { WebhookConfig } from './webhook-schema.ts';

/** Generic JSON webhook, optionally signed; the receiver dedupes on the Idempotency-Key header. */
export const webhookChannel: ChannelType<WebhookConfig> = {
  name: 'webhook',
  schema: webhookSchema,
  create(config, env) {
    const url = new URL(config.url);
    const renderer = messageRenderer(config.template);
    const who = `webhook ${url.host}`;
    return {
      async send(message, ctx) {
        const body = webhookBody(message, ctx.idempotencyKey, renderer);
        const headers: Record<string, string> = { ...config.headers, 'idempotency-key': ctx.idempotencyKey };
        if (config.secret_env !== undefined) {
          const secret = readSecret(env.env, config.secret_env, 'the webhook signing secret');
          if ('reason' in secret) return { ok: false, retryable: false, reason: secret.reason };
          // Wall-clock seconds on purpose: the receiver compares this with its own clock.
          const timestamp = Math.floor(Date.now() / 1000);
          headers['x-opsdeck-timestamp'] = String(timestamp);
          headers['x-opsdeck-signature'] = webhookSignature(secret.value, timestamp, body);
        }
        const answer = await postJson(url, headers, body, ctx, env.timeoutMs);
        return 'ok' in answer ? answer : outcomeOfAnswer(who, answer);
      },
    };
  },
};
