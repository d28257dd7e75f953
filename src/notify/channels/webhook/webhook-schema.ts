import { z } from 'zod';
import { templateSchema } from '../../templates/index.ts';
import { blockError, envName, httpUrl, withShorthand } from '../channel-schema.ts';

/** Headers Opsdeck sets itself; a config that set them would break signing or dedup on the receiver. */
const RESERVED_HEADERS = ['content-type', 'content-length', 'idempotency-key', 'x-opsdeck-timestamp', 'x-opsdeck-signature'];

// RFC 9110 token characters; node:http would throw on anything else at every send, long after load.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const headers = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  for (const [name, text] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], params: { target: 'key' }, message: `expected a header name (letters, digits, -), found ${JSON.stringify(name)}` });
    } else if (RESERVED_HEADERS.includes(name.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: [name], params: { target: 'key' }, message: `header "${name}" is set by Opsdeck itself; remove it` });
    }
    if (/[\r\n\0]/.test(text)) ctx.addIssue({ code: 'custom', path: [name], message: 'expected a header value on one line, found a line break' });
  }
});

const block = z.strictObject(
  {
    url: httpUrl,
    /** Environment variable holding the HMAC secret; read at send time, never stored in config. */
    secret_env: envName.optional(),
    headers: headers.optional(),
    template: templateSchema.optional(),
  },
  { error: blockError('a URL or a map with url:') },
);

/** `webhook: https://...` or `webhook: { url, secret_env?, headers?, template? }`. */
export const webhookSchema = withShorthand('url', block);

export type WebhookConfig = z.output<typeof block>;
