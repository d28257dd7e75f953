import type { Parsed } from './parse-result.ts';

/** Minutes after local midnight and an ISO weekday (1 = Monday ... 7 = Sunday). */
export interface WeekdayTime {
  weekday: number;
  minute: number;
}

const DAY_NAMES: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};
const DAY_SETS: Record<string, number[]> = {
  daily: [1, 2, 3, 4, 5, 6, 7], everyday: [1, 2, 3, 4, 5, 6, 7], 'every day': [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5], weekends: [6, 7], weekend: [6, 7],
};
const TIME = /^(\d{1,2}):(\d{2})$/;

/** The minute of "HH:MM", or what is wrong with it; the caller words the expectation. */
function timeProblem(text: string): { minute: number } | { problem: string } {
  const match = TIME.exec(text);
  if (!match) return { problem: 'the time must be HH:MM (24-hour)' };
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23) return { problem: 'the hour must be 0-23' };
  if (minute > 59) return { problem: 'the minutes must be 0-59' };
  return { minute: hour * 60 + minute };
}

/** "17:00" -> 1020 (minutes after local midnight). */
export function parseTimeOfDay(text: string): Parsed<number> {
  const trimmed = text.trim();
  const time = timeProblem(trimmed);
  if ('problem' in time) return { ok: false, message: `expected a time like "17:00", found "${text}": ${time.problem}` };
  return { ok: true, value: time.minute };
}

export function dayOfWeek(text: string): number | null {
  return DAY_NAMES[text.trim().toLowerCase()] ?? null;
}

/** "Fri 17:00" -> { weekday: 5, minute: 1020 }. */
export function parseWeekdayTime(text: string): Parsed<WeekdayTime> {
  const fail = (problem: string) =>
    ({ ok: false as const, message: `expected a day and time like "Fri 17:00", found "${text}": ${problem}` });
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return fail('write a day name, a space, then HH:MM');
  const weekday = dayOfWeek(parts[0]!);
  if (weekday === null) return fail(`"${parts[0]}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  const time = timeProblem(parts[1]!);
  if ('problem' in time) return fail(time.problem);
  return { ok: true, value: { weekday, minute: time.minute } };
}

/**
 * "weekdays", "weekends", "daily", "Mon,Wed,Fri", "Mon-Fri", "Fri-Mon" (wraps over the
 * weekend) or a list of those -> ISO weekdays, ascending, without repeats.
 */
export function parseDays(input: string | readonly string[]): Parsed<number[]> {
  const items = (typeof input === 'string' ? [input] : input).flatMap((item) => item.split(','));
  const days = new Set<number>();
  const shown = typeof input === 'string' ? input : input.join(', ');
  const fail = (problem: string) => ({
    ok: false as const,
    message: `expected days like "weekdays", "weekends", "daily", "Mon,Wed,Fri" or "Mon-Fri", found "${shown}": ${problem}`,
  });
  if (items.every((item) => item.trim() === '')) return fail('no days given');
  for (const raw of items) {
    const item = raw.trim();
    const set = DAY_SETS[item.toLowerCase()];
    if (set) {
      set.forEach((d) => days.add(d));
      continue;
    }
    const ends = item.split('-');
    if (ends.length > 2) return fail(`"${item}" is not a day or a range of days`);
    const [first, last] = ends.map(dayOfWeek);
    if (first === null || first === undefined) return fail(`"${ends[0]!.trim()}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
    if (last === null) return fail(`"${ends[1]!.trim()}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
    const span = last === undefined ? 0 : (last - first + 7) % 7;
    for (let i = 0; i <= span; i++) days.add(((first - 1 + i) % 7) + 1);
  }
  return { ok: true, value: [...days].sort((a, b) => a - b) };
}
