import { z } from 'zod';
import { parseMatcher } from '../pipeline/index.ts';
import type { Matcher } from '../pipeline/index.ts';
import { text } from './schema-fields.ts';
import { keyHints, mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/** The severities PagerDuty's Events API v2 defines, in its order. */
export const EVENTS_V2_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
/** PagerDuty's own limit per routing key; senders already live within it. */
export const DEFAULT_RATE_PER_MINUTE = 120;

const RATE = /^\s*(\d+)\s*\/\s*(s|sec|second|m|min|minute|h|hour)\s*$/;
const PER_MINUTE: Record<string, number> = { s: 60, sec: 60, second: 60, m: 1, min: 1, minute: 1, h: 1 / 60, hour: 1 / 60 };
const RATE_EXAMPLE = 'a rate like 120/min, 10/s or 3000/h';

/** "120/min" -> events a minute. A rate under one a minute would turn every retry into a 429. */
export function parseRate(written: string): { ok: true; perMinute: number } | { ok: false; message: string } {
  const match = RATE.exec(written);
  if (!match) return { ok: false, message: `expected ${RATE_EXAMPLE}, found ${describeValue(written)}` };
  const perMinute = Number(match[1]) * PER_MINUTE[match[2]!]!;
  if (perMinute < 1) return { ok: false, message: `expected at least 1/min, found "${written}"` };
  if (perMinute > 6_000_000) return { ok: false, message: `expected at most 100000/s, found "${written}"` };
  return { ok: true, perMinute };
}

const rate = z
  .union([z.string(), z.number()], { error: (iss) => `expected ${RATE_EXAMPLE}, found ${describeValue(iss.input)}` })
  .transform((written, ctx) => {
    const parsed = parseRate(String(written));
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: typeof written === 'number' ? `expected ${RATE_EXAMPLE}, found ${written} (say per what)` : parsed.message });
      return z.NEVER;
    }
    return parsed.perMinute;
  });

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: (iss) => `expected an environment variable name like CHECKOUT_ROUTING_KEY, found ${describeValue(iss.input)}`,
});

/** Alertmanager's matcher syntax, parsed once here so a mistake points at its column. */
const matcherList = z
  .array(z.unknown(), { error: (iss) => `expected a list of matchers like ["team=payments", "alertname=~Payment.*"], found ${describeValue(iss.input)}` })
  .min(1, { error: 'expected at least one matcher like "team=payments", found an empty list; an empty list matches every alert (use the integration\'s service for that)' })
  .transform((written, ctx): Matcher[] => {
    const out: Matcher[] = [];
    written.forEach((item, index) => {
      if (typeof item !== 'string') {
        ctx.addIssue({ code: 'custom', path: [index], message: `expected a matcher like "team=payments", found ${describeValue(item)}` });
        return;
      }
      const parsed = parseMatcher(item);
      if (parsed.ok) out.push(parsed.matcher);
      else ctx.addIssue({ code: 'custom', path: [index], message: parsed.message, params: { column: parsed.column } });
    });
    return out;
  });

const route = z.strictObject({
  match: matcherList,
  /** A service id (checked after merging). */
  service: text,
  /** Overrides the mapped severity. */
  severity: text.optional(),
});

/** Sender severity -> severity id; values are checked after merging. */
const severityMap = <K extends z.core.$ZodRecordKey>(keys: K) => z.partialRecord(keys, text);

const common = {
  service: text.optional(),
  routing_key_env: envName.optional(),
  default_severity: text.optional(),
  escalation: text.optional(),
  rate_limit: rate.optional(),
  routes: z.array(route, { error: (iss) => `expected a list of routes like - { match: ["team=payments"], service: payments }, found ${describeValue(iss.input)}` }).optional(),
};

const eventsV2Map = severityMap(z.enum(EVENTS_V2_SEVERITIES));
keyHints.add(eventsV2Map, { expected: `expected one of ${EVENTS_V2_SEVERITIES.join(', ')} (the Events API v2 severities)` });

const eventsV2 = z.strictObject({ ...common, severity_map: eventsV2Map.optional() });

const alertmanager = z.strictObject({
  ...common,
  /** The alert label looked up in severity_map. */
  severity_label: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: (iss) => `expected a label name of letters, digits and _ not starting with a digit, found ${describeValue(iss.input)}`,
  }).optional(),
  severity_map: severityMap(text).optional(),
});

const TYPES = 'events_v2: { ... } or alertmanager: { ... }';

/**
 * `checkout: { events_v2: { service: payments, routing_key_env: CHECKOUT_KEY } }`: one key naming
 * the sender's wire format, so adding a type is one schema here and one receiver. Exactly one type,
 * and a service or routes, are integration-references.ts's to check (it sees misspelt keys too).
 */
const integration = z
  .strictObject({ events_v2: eventsV2.optional(), alertmanager: alertmanager.optional() }, {
    error: (iss) => (iss.code === 'invalid_type' ? `expected a map with one of ${TYPES}, found ${describeValue(iss.input)}` : undefined),
  });

export const integrationsSection = mapSection('integration', integration);
export type ParsedIntegration = z.output<typeof integration>;
