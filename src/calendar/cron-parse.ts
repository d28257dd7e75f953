import type { Parsed } from './parse-result.ts';

/** A standard 5-field cron expression parsed once, ready to match local days and minutes. */
export interface CronSchedule {
  source: string;
  /** Every matching hour x minute as minutes after local midnight, ascending. */
  minutesOfDay: readonly number[];
  /** Indexed by value: daysOfMonth[1..31], months[1..12], weekdays[1..7] (ISO, 7 = Sunday). */
  daysOfMonth: readonly boolean[];
  months: readonly boolean[];
  weekdays: readonly boolean[];
  /**
   * Vixie cron: when both day fields are restricted (neither starts with "*"), a day matches if
   * EITHER matches ("0 0 1,15 * Mon" = the 1st, the 15th and every Monday); otherwise both must.
   */
  eitherDayMatches: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Offset of names[0]'s value. */
  namesFrom?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const FIELD_LIST = 'minute hour day-of-month month day-of-week';

export function cronMatchesDay(cron: CronSchedule, month: number, day: number, isoWeekday: number): boolean {
  if (!cron.months[month]) return false;
  const dom = cron.daysOfMonth[day] === true;
  const dow = cron.weekdays[isoWeekday] === true;
  return cron.eitherDayMatches ? dom || dow : dom && dow;
}

/** Parses "*\/15 2 * * Mon-Fri", "0 9 1,15 * *", "@daily". Errors name the field and its 1-based column. */
export function parseCron(expression: string): Parsed<CronSchedule> {
  const trimmed = expression.trim();
  const text = MACROS[trimmed.toLowerCase()] ?? expression;
  if (trimmed.startsWith('@') && !MACROS[trimmed.toLowerCase()]) {
    return { ok: false, message: `expected a cron macro (${Object.keys(MACROS).join(', ')}), found "${trimmed}"` };
  }
  const tokens = [...text.matchAll(/\S+/g)];
  if (tokens.length !== 5) {
    return { ok: false, message: `expected 5 cron fields (${FIELD_LIST}), found ${tokens.length} in "${expression}"` };
  }
  const sets: boolean[][] = [];
  for (const [i, spec] of FIELDS.entries()) {
    const token = tokens[i]!;
    const parsed = parseField(token[0], spec, (token.index ?? 0) + 1);
    if (!parsed.ok) return parsed;
    sets.push(parsed.value);
  }
  const [minutes, hours, daysOfMonth, months, cronDays] = sets as [boolean[], boolean[], boolean[], boolean[], boolean[]];
  // cron's 0 and 7 are both Sunday; ISO numbers Sunday 7.
  const weekdays = Array.from({ length: 8 }, (_, iso) => iso >= 1 && (cronDays[iso % 7] === true || (iso === 7 && cronDays[7] === true)));
  const minutesOfDay: number[] = [];
  for (let h = 0; h < 24; h++) {
    if (!hours[h]) continue;
    for (let m = 0; m < 60; m++) if (minutes[m]) minutesOfDay.push(h * 60 + m);
  }
  return {
    ok: true,
    value: {
      source: trimmed, minutesOfDay, daysOfMonth, months, weekdays,
      eitherDayMatches: !tokens[2]![0].startsWith('*') && !tokens[4]![0].startsWith('*'),
    },
  };
}

function parseField(field: string, spec: FieldSpec, column: number): Parsed<boolean[]> {
  const set = new Array<boolean>(spec.max + 1).fill(false);
  let offset = 0;
  for (const item of field.split(',')) {
    const at = column + offset;
    offset += item.length + 1;
    const fail = (expected: string, found: string) =>
      ({ ok: false as const, message: `${spec.name} (column ${at}): expected ${expected}, found "${found}"${found === field ? '' : ` in "${field}"`}` });
    const match = /^([^/]+)(?:\/(.*))?$/.exec(item);
    if (!match) return fail(`a value, a range like ${spec.min}-${spec.max}, "*" or a step like */5`, item);
    const [, range, stepText] = match as unknown as [string, string, string | undefined];
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) return fail('a step of 1 or more after "/"', stepText);
      step = Number(stepText);
    }
    let low: number;
    let high: number;
    if (range === '*') {
      [low, high] = [spec.min, spec.max];
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2) return fail(`a range like ${spec.min}-${spec.max}`, range);
      const values: number[] = [];
      for (const bound of bounds) {
        const value = valueOf(bound, spec);
        if (value === null) return fail(valuesExpected(spec), bound);
        values.push(value);
      }
      low = values[0]!;
      // Vixie: "5/15" means 5-max/15.
      high = values[1] ?? (stepText !== undefined ? spec.max : low);
      if (high < low) return fail(`a range from low to high`, range);
    }
    for (let v = low; v <= high; v += step) set[v] = true;
  }
  return { ok: true, value: set };
}

function valueOf(text: string, spec: FieldSpec): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : null;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  return index >= 0 ? index + (spec.namesFrom ?? 0) : null;
}

function valuesExpected(spec: FieldSpec): string {
  const names = spec.names ? ` or a name like ${spec.names[1]!.replace(/^./, (c) => c.toUpperCase())}` : '';
  return `${spec.min}-${spec.max}${names}`;
}
