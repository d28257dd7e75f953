import { z } from 'zod';
import { parseWhen } from '../rules/when.ts';
import type { WhenCondition } from '../rules/when.ts';
import { isQueryWhen, parseQueryWhen } from '../prometheus/index.ts';
import type { QueryWhen } from '../prometheus/index.ts';
import { duration, interval, text } from './schema-fields.ts';
import { labelName } from './section-inhibit.ts';
import { describeValue } from './value-describe.ts';

/** Labels the pipeline sets on every alert; a rule writing them would make matchers lie. */
export const PIPELINE_LABELS = ['alertname', 'rule', 'service', 'severity', 'check'];

const labels = z.record(
  labelName.refine((name) => !PIPELINE_LABELS.includes(name), {
    error: (iss) => `label "${String(iss.input)}" is set by Opsdeck on every alert (${PIPELINE_LABELS.join(', ')}); choose another name`,
  }),
  z.string({ error: (iss) => `expected the label's value as text, found ${describeValue(iss.input)}; quote it` }),
);

/** A rule over a check, or (`prometheus: ...`) over a PromQL query. */
export type ParsedWhen = { kind: 'check'; text: string; condition: WhenCondition } | { kind: 'query'; text: string; query: QueryWhen };

/**
 * `when` parsed where it is written; which check it names (or which datasource a query reads) is
 * resolved later, once every service and datasource is known.
 */
const when = text.transform((written, ctx): ParsedWhen => {
  const parsed = isQueryWhen(written) ? parseQueryWhen(written) : parseWhen(written);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { column: parsed.column } });
    return z.NEVER;
  }
  return 'expr' in parsed.when ? { kind: 'query', text: written, query: parsed.when } : { kind: 'check', text: written, condition: parsed.when };
});

/** Only PromQL rules run on their own schedule against a datasource. */
const QUERY_ONLY = ['datasource', 'every', 'error_after'] as const;

/** A query that keeps failing this long raises the rule's own alert: long enough to ride out a Prometheus restart. */
export const DEFAULT_ERROR_AFTER_MS = 5 * 60_000;

/**
 * `down: { when: "health failing for 2m", severity: P1, runbook: ..., cooldown: 10m }`, or
 * `error-rate: { when: "prometheus: <PromQL> > 0.05 for 5m", severity: P2, datasource: prom }`.
 */
export const alertSchema = z.strictObject({
  when,
  /** A severity id; checked against the severities section after merging. */
  severity: text,
  /** A Markdown file relative to the config directory. */
  runbook: text.optional(),
  /** Resolve the alert when the condition stops holding; off means someone resolves it by hand. */
  auto_resolve: z.boolean().default(true),
  /** Within this long after resolving, a re-fire reopens the same incident instead of opening (and paging for) a new one. */
  cooldown: duration().default(5 * 60_000),
  summary: text.optional(),
  /** An escalation policy id (checked after merging); default: the severity's, then notifications.default_policy. */
  escalation: text.optional(),
  /** Matched by inhibit rules and silences, beside the labels the pipeline sets. */
  labels: labels.optional(),
  /** PromQL rules: the datasource (default: the only one defined), how often the query runs (default: engine.interval). */
  datasource: text.optional(),
  every: interval().optional(),
  /** PromQL rules: how long failing queries go unreported before the rule raises its own alert (default 5m). */
  error_after: duration().optional(),
}).superRefine((alert, ctx) => {
  if (alert.when.kind === 'query') return;
  for (const key of QUERY_ONLY) {
    if (alert[key] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [key], params: { target: 'key' }, message: `${key} is only for PromQL rules (when: "prometheus: <query> > <number>"); a rule over a check runs with its check` });
    }
  }
});
