import { z } from 'zod';
import { dayOfWeek, parseDays, parseInstant, parseLocalDateTime, parseTimeOfDay, parseWeekdayTime } from '../calendar/index.ts';
import type { LayerDef, RestrictionDef } from './config-types.ts';
import { text } from './schema-fields.ts';
import { suggestion } from './name-suggest.ts';
import { describeValue } from './value-describe.ts';

/** The field schemas of a schedule layer, each parsing its own text once, where it is written. */

const ROTATION = /^(\d+)\s*([hdw])$/;
const ROTATION_EXAMPLE = 'daily, weekly, or a length like "3d" (local days), "2w" or "12h" (elapsed hours)';
const UNITS = { h: 'hour', d: 'day', w: 'week' } as const;

export const rotation = z
  .string({ error: (iss) => `expected ${ROTATION_EXAMPLE}, found ${describeValue(iss.input)}` })
  .transform((written, ctx): LayerDef['rotation'] => {
    const word = written.trim().toLowerCase();
    if (word === 'daily') return { unit: 'day', count: 1 };
    if (word === 'weekly') return { unit: 'week', count: 1 };
    const match = ROTATION.exec(word);
    const count = Number(match?.[1]);
    if (!match || count < 1 || count > 1000) {
      ctx.addIssue({ code: 'custom', message: `expected ${ROTATION_EXAMPLE}, found ${describeValue(written)}` });
      return z.NEVER;
    }
    return { unit: UNITS[match[2] as keyof typeof UNITS], count };
  });

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * "Fri 17:00" or "17:00". Whether the rotation wants a day is the layer's
 * to check; here each part is checked where it is written, so "Fri 25:00"
 * points at the hour and "Funday 17:00" at the day.
 */
export const handoff = z
  .string({ error: (iss) => `expected a handoff time like "Fri 17:00" (weekly) or "09:00", found ${describeValue(iss.input)}` })
  .transform((written, ctx): LayerDef['handoff'] => {
    const lead = written.length - written.trimStart().length;
    const parts = written.trim().split(/\s+/);
    if (parts.length === 2) {
      const parsed = parseWeekdayTime(written);
      if (parsed.ok) return parsed.value;
      const dayBad = dayOfWeek(parts[0]!) === null;
      const hint = dayBad ? suggestion(parts[0]!, DAY_NAMES) : '';
      ctx.addIssue({ code: 'custom', message: `${parsed.message}${hint}`, params: { column: dayBad ? lead : written.indexOf(parts[1]!, lead + parts[0]!.length) } });
      return z.NEVER;
    }
    const parsed = parseTimeOfDay(written);
    if (parsed.ok) return { weekday: null, minute: parsed.value };
    ctx.addIssue({ code: 'custom', message: `expected a handoff time like "Fri 17:00" (weekly) or "09:00", found ${describeValue(written)}`, params: { column: lead } });
    return z.NEVER;
  });

/** "2026-01-02T17:00", local to the schedule: kept as written (normalized), resolved by the calendar when used. */
export const localStart = z
  .string({ error: (iss) => `expected a local date-time like "2026-01-02T17:00", found ${describeValue(iss.input)}` })
  .transform((written, ctx) => {
    const parsed = parseLocalDateTime(written);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${parsed.message}; start is local to the schedule, so it takes no Z or offset` });
      return z.NEVER;
    }
    const { year, month, day, hour, minute } = parsed.value;
    const two = (n: number) => String(n).padStart(2, '0');
    return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}`;
  });

/** An override's end: local to the schedule, or an ISO instant with Z or an offset; resolved once the zone is known. */
export const instantText = text.superRefine((written, ctx) => {
  // The zone only matters for resolving a valid local time; any valid zone checks the syntax.
  const parsed = parseInstant(written, 'UTC');
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

const time = (written: string, ctx: z.RefinementCtx): number => {
  const parsed = parseTimeOfDay(written);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
};

const days = z.union([z.string(), z.array(z.string())], {
  error: (iss) => `expected days like "weekdays", "Mon-Fri" or [Mon, Wed], found ${describeValue(iss.input)}`,
});

/** `{ days: weekdays, from: "09:00", to: "17:00" }`: the layer covers only these local windows. */
export const restriction = z
  .strictObject({
    days: days
      .transform((written, ctx) => {
        const parsed = parseDays(written);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.message });
          return z.NEVER;
        }
        return parsed.value;
      })
      .optional(),
    from: text.transform(time),
    to: text.transform(time),
  })
  .transform((r): RestrictionDef => ({ days: r.days ?? [1, 2, 3, 4, 5, 6, 7], fromMinute: r.from, toMinute: r.to }));
