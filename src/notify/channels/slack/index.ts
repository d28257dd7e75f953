import type { ChannelType } from '../../notify-types.ts';
import { messageRenderer } from '../../templates/index.ts';
import { readSecret } from '../channel-schema.ts';
import { outcomeOfAnswer, postJson } from '../json-post.ts';
import { slackPayload } from './slack-payload.ts';
import { slackSchema } from './slack-schema.ts';
import type { SlackConfig } from './slack-schema.ts';

export type { SlackConfig } from './slack-schema.ts';

/**
 * Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat). Slack answers 200 "ok";
 * 400 invalid_payload, 403, 404 channel_not_found and 410 channel_is_archived will not change on
 * retry, 429 and 5xx will; the common HTTP reading already says exactly that. Reasons name the
 * host only: the webhook URL is itself the credential.
 */
export const slackChannel: ChannelType<SlackConfig> = {
  name: 'slack',
  schema: slackSchema,
  create(config, env) {
    const renderer = messageRenderer(config.template);
    const customText = config.template?.text !== undefined;
    const fixedUrl = config.url === undefined ? null : new URL(config.url);
    return {
      async send(message, ctx) {
        let url = fixedUrl;
        if (url === null) {
          const name = config.url_env ?? '';
          const secret = readSecret(env.env, name, 'the Slack webhook URL');
          if ('reason' in secret) return { ok: false, retryable: false, reason: secret.reason };
          url = URL.canParse(secret.value) ? new URL(secret.value) : null;
          if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
            return { ok: false, retryable: false, reason: `environment variable ${name} should hold an http(s) webhook URL, and does not` };
          }
        }
        const answer = await postJson(url, {}, slackPayload(message, renderer, customText), ctx, env.timeoutMs);
        return 'ok' in answer ? answer : outcomeOfAnswer(`Slack webhook ${url.host}`, answer);
      },
    };
  },
};
