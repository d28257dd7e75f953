import { z } from 'zod';
import { formatDuration } from '../time/index.ts';
import { duration, text } from './schema-fields.ts';
import { describeValue } from './value-describe.ts';

/** Secrets are read from the environment when used, never written in config. */
export const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: (iss) => `expected an environment variable name like SMTP_PASSWORD, found ${describeValue(iss.input)}`,
});

const port = z
  .int({ error: (iss) => `expected a port number from 1 to 65535, found ${describeValue(iss.input)}` })
  .min(1, { error: (iss) => `expected a port number from 1 to 65535, found ${describeValue(iss.input)}` })
  .max(65535, { error: (iss) => `expected a port number from 1 to 65535, found ${describeValue(iss.input)}` });

/** The one mail server every email channel sends through. */
const smtp = z
  .strictObject({
    host: text.min(1, { error: 'expected a host name or address, found an empty string' }),
    /** Default: 465 with `secure: true`, else 587. */
    port: port.optional(),
    secure: z.boolean().default(false),
    starttls: z.enum(['require', 'opportunistic', 'never']).default('opportunistic'),
    tls_verify: z.boolean().default(true),
    user: text.optional(),
    password_env: envName.optional(),
    from: text.min(1, { error: 'expected a sender like "Opsdeck <opsdeck@example.com>", found an empty string' }),
  })
  .transform((s) => ({ ...s, port: s.port ?? (s.secure ? 465 : 587) }));

/** The fields on their own, defaults included, so the limits check reads exactly what the schema would. */
export const retryFields = z.strictObject({
  /** First wait after a failed attempt; each later wait doubles, with jitter, up to max_delay. */
  initial: duration(100).prefault('10s'),
  max_delay: duration(100).prefault('5m'),
  /** After this long since it was queued a notification is dead-lettered. */
  max_age: duration(1000).prefault('1h'),
});

const retry = retryFields.prefault({}).superRefine((r, ctx) => {
  if (r.initial > r.max_delay) {
    ctx.addIssue({ code: 'custom', path: ['max_delay'], message: `expected max_delay at least initial (${formatDuration(r.initial)}), found ${formatDuration(r.max_delay)}` });
  }
  if (r.initial > r.max_age) {
    ctx.addIssue({ code: 'custom', path: ['max_age'], message: `expected max_age at least initial (${formatDuration(r.initial)}), found ${formatDuration(r.max_age)}; nothing would ever be retried` });
  }
});

/** How notifications are delivered: the mail server, retries, where dead letters go, which policy pages by default. */
export const notificationsSection = z
  .strictObject({
    smtp: smtp.optional(),
    retry,
    /** A channel under channels: that receives every dead letter (checked by oncall-references.ts). */
    fallback: text.optional(),
    /** An escalation policy for incidents whose rule and severity name none; default: the policy named "default", if any. */
    default_policy: text.optional(),
  })
  .prefault({});
