/** A routine's schedule as YAML lines, and what was assumed to get it. */
export interface ScheduleGuess {
  cadence: 'daily' | 'weekly' | 'monthly';
  yaml: string[];
  assumed: string;
  describe: string;
}

const DAYS: Record<string, string> = { monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' };

/**
 * Reads a cadence from the words people use in headings and labels:
 * "Daily", "Every Morning (9:00 AM)", "Weekly Operations (Monday 10:00 AM)",
 * "Monthly Operations (First Monday)", "Database Backups (Daily at 2:00 AM)".
 * Without a written time: daily at 09:00 on weekdays, weekly Mon 10:00,
 * monthly on the first Mon at 10:00 (what the issue asks for).
 */
export function guessSchedule(text: string): ScheduleGuess | null {
  const lower = text.toLowerCase();
  const cadence = /\bmonthly\b|\bfirst (mon|tue|wed|thu|fri|sat|sun)/.test(lower) ? 'monthly' : /\bweekly\b|\bevery week\b/.test(lower) ? 'weekly' : /\bdaily\b|\bevery (morning|day)\b|\bmorning\b|\bnightly\b/.test(lower) ? 'daily' : null;
  if (cadence === null) return null;
  const time = writtenTime(lower);
  const day = Object.entries(DAYS).find(([name]) => new RegExp(`\\b${name}\\b`).test(lower))?.[1] ?? null;
  if (cadence === 'daily') {
    const at = time ?? '09:00';
    return { cadence, yaml: [`at: "${at}"`, 'days: weekdays'], assumed: `"daily" taken as weekdays at ${time ? `${at}, the time written` : '09:00 (no time written)'}`, describe: `daily at ${at} on weekdays` };
  }
  const at = time ?? '10:00';
  const weekday = day ?? 'Mon';
  const written = `${day ? 'day as written' : 'Monday assumed (no day written)'}, ${time ? 'time as written' : '10:00 assumed (no time written)'}`;
  if (cadence === 'weekly') return { cadence, yaml: [`every: "${weekday} ${at}"`], assumed: `weekly on ${weekday} at ${at}: ${written}`, describe: `every ${weekday} ${at}` };
  return { cadence, yaml: [`every: "first ${weekday} ${at}"`], assumed: `monthly on the first ${weekday} at ${at}: ${written}`, describe: `every first ${weekday} ${at}` };
}

/** "9:00 AM" -> "09:00", "2:00 AM" -> "02:00", "5 PM" -> "17:00", "14:30" -> "14:30". */
function writtenTime(lower: string): string | null {
  const m = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/.exec(lower) ?? /\b(\d{1,2}):(\d{2})\b/.exec(lower);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (m[3] === 'pm' && hour < 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
