import { z } from 'zod';
import type { TargetRef } from './config-types.ts';
import { formatDuration } from '../time/index.ts';
import { duration, text } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

export const TARGET_KINDS = ['schedule', 'user', 'channel'] as const;
const TARGET_EXAMPLE = 'schedule:<id>, user:<id> or channel:<id>';

/** "schedule:primary" -> { kind, id }, or why not; whether the id exists is oncall-references.ts's to say. */
export function parseTarget(written: string): { ok: true; target: TargetRef; idColumn: number } | { ok: false; message: string; column: number } {
  const colon = written.indexOf(':');
  const kind = written.slice(0, Math.max(colon, 0));
  if (colon < 0 || !(TARGET_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, column: 0, message: `expected a target like ${TARGET_EXAMPLE}, found ${describeValue(written)}` };
  }
  const rest = written.slice(colon + 1);
  const id = rest.trim();
  if (id === '') return { ok: false, column: colon + 1, message: `expected the ${kind}'s id after "${kind}:", found nothing` };
  return { ok: true, target: { kind: kind as TargetRef['kind'], id }, idColumn: colon + 1 + rest.length - rest.trimStart().length };
}

const target = text.transform((written, ctx): TargetRef => {
  const parsed = parseTarget(written);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { column: parsed.column } });
    return z.NEVER;
  }
  return parsed.target;
});

const level = z.strictObject({
  /** From the start of the policy (or of its repeat). */
  after: duration(),
  notify: z.array(target).min(1, { error: `expected at least one target like ${TARGET_EXAMPLE}, found an empty list` }),
});

/** Measured from the start of the policy, so a later level with a shorter delay is a mistake, not a reordering. */
const levels = z
  .array(level, { error: (iss) => `expected a list of levels like [{ after: 0m, notify: [schedule:primary] }], found ${describeValue(iss.input)}` })
  .min(1, { error: 'expected at least one level like { after: 0m, notify: [schedule:primary] }, found an empty list' })
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!.after;
      if (list[i]!.after < before) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'after'],
          message: `expected at least ${formatDuration(before)} (the delay of levels[${i - 1}]), found ${formatDuration(list[i]!.after)}; delays count from the start of the policy, so they never decrease`,
        });
      }
    }
  });

/**
 * `{ levels: [...], repeat: 2, repeat_after: 15m }`. A bare list of levels
 * (the shape DESIGN.md sketched) is refused with the fix, rather than
 * guessed at.
 */
const policy = z.strictObject(
  {
    levels,
    /** More runs of the whole policy when nobody acknowledges; 0: once. */
    repeat: z
      .int({ error: (iss) => `expected a whole number of repeats like 2, found ${describeValue(iss.input)}` })
      .min(0, { error: (iss) => `expected 0 or more repeats, found ${describeValue(iss.input)}` })
      .max(100, { error: (iss) => `expected at most 100 repeats, found ${describeValue(iss.input)}` })
      .default(0),
    /** After the last level, how long before the next run; a floor keeps a loop from paging every second. */
    repeat_after: duration(60_000).prefault('15m'),
  },
  {
    error: (iss) => {
      if (iss.code !== 'invalid_type') return undefined;
      return Array.isArray(iss.input)
        ? 'expected a map with levels:, repeat and repeat_after, found a list; write the list under levels:'
        : `expected a map with levels:, repeat and repeat_after, found ${describeValue(iss.input)}`;
    },
  },
);

export const escalationPoliciesSection = mapSection('escalation policy', policy);
