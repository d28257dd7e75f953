import { z } from 'zod';
import { parseWhen } from '../rules/when.ts';
import type { WhenCondition } from '../rules/when.ts';
import { duration, text } from './schema-fields.ts';

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
});
