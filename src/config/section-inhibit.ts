import { z } from 'zod';
import { parseMatcher } from '../pipeline/index.ts';
import type { Matcher } from '../pipeline/index.ts';
import { describeValue, isRecord } from './value-describe.ts';

const LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MATCHERS_EXAMPLE = 'a map like { alertname: down } or a list like ["alertname=~down|dead", "team!=db"]';

/** Prometheus label names, so labels survive export to Alertmanager-style tools unchanged. */
export const labelName = z.string().regex(LABEL, {
  error: (iss) => `expected a label name of letters, digits and _ not starting with a digit, found ${describeValue(iss.input)}`,
});

/**
 * `{ alertname: down }` (every label equal) or `["alertname=~down|dead"]`
 * (Alertmanager's matcher syntax, parsed once here so a mistake points at
 * its column). Empty is refused: a rule with no source matchers would let
 * any alert inhibit, and one with no target matchers would mute everything.
 */
const matchers = z.unknown().transform((written, ctx): Matcher[] => {
  const out: Matcher[] = [];
  if (isRecord(written)) {
    for (const [label, value] of Object.entries(written)) {
      if (!LABEL.test(label)) {
        ctx.addIssue({ code: 'custom', path: [label], message: `expected a label name of letters, digits and _ not starting with a digit, found "${label}"`, params: { target: 'key' } });
      } else if (typeof value !== 'string') {
        ctx.addIssue({ code: 'custom', path: [label], message: `expected the label's value as text, found ${describeValue(value)}; quote it` });
      } else {
        out.push({ label, op: '=', value });
      }
    }
  } else if (Array.isArray(written)) {
    written.forEach((item, index) => {
      if (typeof item !== 'string') {
        ctx.addIssue({ code: 'custom', path: [index], message: `expected a matcher like "alertname=down", found ${describeValue(item)}` });
        return;
      }
      const parsed = parseMatcher(item);
      if (parsed.ok) out.push(parsed.matcher);
      else ctx.addIssue({ code: 'custom', path: [index], message: parsed.message, params: { column: parsed.column } });
    });
  } else if (written === undefined) {
    // Worded by the validator like every other missing key.
    ctx.addIssue({ code: 'invalid_type', expected: 'object', input: written });
    return z.NEVER;
  } else {
    ctx.addIssue({ code: 'custom', message: `expected ${MATCHERS_EXAMPLE}, found ${describeValue(written)}` });
    return z.NEVER;
  }
  if (out.length === 0 && (isRecord(written) ? Object.keys(written).length === 0 : written.length === 0)) {
    ctx.addIssue({ code: 'custom', message: `expected at least one matcher (${MATCHERS_EXAMPLE}), found none; an empty list matches every alert` });
  }
  return out;
});

const rule = z.strictObject({
  source: matchers,
  target: matchers,
  /** Labels whose values must be equal on source and target: `[service]` inhibits only within one service. */
  equal: z.array(labelName).default([]),
});

/** Alertmanager-style inhibition: a firing source alert mutes matching target alerts. */
export const inhibitSection = z
  .array(rule, { error: (iss) => `expected a list of rules like - { source: { alertname: down }, target: { alertname: latency }, equal: [service] }, found ${describeValue(iss.input)}` })
  .optional();
