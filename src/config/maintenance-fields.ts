import { z } from 'zod';
import { dayOfWeek, parseCron, parseInstant, parseTimeOfDay, parseWeekdayTime } from '../calendar/index.ts';
import type { MaintenanceDef } from './config-types.ts';
import { text } from './schema-fields.ts';
import { suggestion } from './name-suggest.ts';
import { describeValue } from './value-describe.ts';

/** The field schemas of a maintenance window, each parsing its text once, where it is written. */

type Recurring = Exclude<MaintenanceDef['schedule'], { kind: 'once' } | { kind: 'cron' }>;

const EVERY_EXAMPLE = '"Sat 02:00" (weekly), "first Mon 10:00" or "last Sun 03:00" (monthly)';
const NTH: Record<string, 1 | 2 | 3 | 4 | 5 | 'last'> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: 'last', '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5 };
const NTH_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'last'];
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * `every: "Sat 02:00"` or `every: "first Mon 10:00"`. Each part is checked
 * where it is written, so "Sat 25:00" points at the hour and "first Funday
 * 10:00" at the day.
 */
export const every = z
  .string({ error: (iss) => `expected ${EVERY_EXAMPLE}, found ${describeValue(iss.input)}` })
  .transform((written, ctx): Recurring => {
    const words = [...written.matchAll(/\S+/g)];
    const fail = (message: string, column: number) => {
      ctx.addIssue({ code: 'custom', message, params: { column } });
      return z.NEVER;
    };
    if (words.length !== 2 && words.length !== 3) return fail(`expected ${EVERY_EXAMPLE}, found "${written}"`, words[0]?.index ?? 0);
    let nth: 1 | 2 | 3 | 4 | 5 | 'last' | null = null;
    if (words.length === 3) {
      const [first] = words[0]!;
      nth = NTH[first.toLowerCase()] ?? null;
      if (nth === null) return fail(`expected a monthly time like "first Mon 10:00", found "${written}": "${first}" is not ${NTH_WORDS.slice(0, -1).join(', ')} or last${suggestion(first, NTH_WORDS)}`, words[0]!.index);
    }
    const [day, time] = words.slice(-2) as [RegExpExecArray, RegExpExecArray];
    const dayTime = `${day[0]} ${time[0]}`;
    const parsed = parseWeekdayTime(dayTime);
    if (!parsed.ok) {
      const dayBad = dayOfWeek(day[0]) === null;
      const hint = dayBad ? suggestion(day[0], DAY_NAMES) : '';
      // The calendar words the problem ("the hour must be 0-23"); the expectation is this field's own.
      const problem = parsed.message.slice(parsed.message.indexOf(`"${dayTime}": `) + dayTime.length + 4);
      return fail(`expected ${nth === null ? 'a day and time like "Sat 02:00"' : 'a monthly time like "first Mon 10:00"'}, found "${written}": ${problem}${hint}`, dayBad ? day.index : time.index);
    }
    const { weekday, minute } = parsed.value;
    return nth === null ? { kind: 'weekly', weekday, minute } : { kind: 'monthly-weekday', nth, weekday, minute };
  });

/** `cron: "0 2 * * 6"`, in the window's time zone; kept parsed so nobody parses it again. */
export const cron = z
  .string({ error: (iss) => `expected a cron expression like "0 2 * * 6", found ${describeValue(iss.input)}` })
  .transform((written, ctx) => {
    const parsed = parseCron(written);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return { kind: 'cron' as const, expr: written, cron: parsed.value };
  });

/** `start: "2026-12-24T02:00"`, local to the window (or with Z or an offset); resolved once the zone is known. */
export const startText = text.superRefine((written, ctx) => {
  // Any valid zone checks the syntax; the window's own zone is applied when it is resolved.
  const parsed = parseInstant(written, 'UTC');
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

/** `until: "06:00"`: a wall-clock end, the first time the clock shows it after the start. */
export const untilTime = z
  .string({ error: (iss) => `expected a time like "06:00", found ${describeValue(iss.input)}` })
  .transform((written, ctx) => {
    const parsed = parseTimeOfDay(written);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${parsed.message}; until is the wall-clock time the window ends` });
      return z.NEVER;
    }
    return parsed.value;
  });
