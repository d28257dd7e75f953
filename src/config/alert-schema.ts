import { z } from 'zod';
import { parseWhen } from '../rules/when.ts';
import type { WhenCondition } from '../rules/when.ts';
import { duration, text } from './schema-fields.ts';
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

/** `when` parsed where it is written; which check it names is resolved later, once every service is known. */
const when = text.transform((written, ctx): { text: string; condition: WhenCondition } => {
  const parsed = parseWhen(written);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { column: parsed.column } });
    return z.NEVER;
  }
  return { text: written, condition: parsed.when };
});

/** `down: { when: "health failing for 2m", severity: P1, runbook: ..., cooldown: 10m }` */
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
});
