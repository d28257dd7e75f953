import { z } from 'zod';

/**
 * Alertmanager's `webhook_config` body, version "4". Objects are not strict: newer Alertmanagers
 * add fields (notification_reason, routeLabels) and an older receiver must keep working. Only what
 * Opsdeck reads is required; the rest is optional so a hand-written sender need not fake it.
 */
const labelSet = z.record(z.string(), z.string());

const webhookAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  // Alertmanager's are 16 hex digits; the key is built from it, so it must be short and printable.
  fingerprint: z.string().regex(/^[\x21-\x7e]{1,128}$/, { error: 'expected a fingerprint of 1 to 128 printable characters, like "04dd39b85988b6a2"' }),
});

export const webhookPayloadSchema = z.object({
  version: z.literal('4', { error: (iss) => `expected version "4" (Alertmanager's webhook format), found ${JSON.stringify(iss.input)}` }),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().optional(),
  alerts: z.array(webhookAlert),
});

export type WebhookPayload = z.output<typeof webhookPayloadSchema>;
export type WebhookAlert = WebhookPayload['alerts'][number];

export type PayloadParse = { ok: true; payload: WebhookPayload } | { ok: false; errors: string[] };

/** Every problem as `path: message`, e.g. `alerts.1.fingerprint: expected a fingerprint ...`. */
export function parseWebhookPayload(body: unknown): PayloadParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [`body: expected a JSON object (Alertmanager's webhook payload), found ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}`] };
  }
  const parsed = webhookPayloadSchema.safeParse(body);
  if (parsed.success) return { ok: true, payload: parsed.data };
  return { ok: false, errors: parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`) };
}
