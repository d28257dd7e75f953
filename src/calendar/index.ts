/**
 * The one calendar: every recurring thing in Opsdeck (rotations, handoffs, maintenance windows,
 * routines, heartbeat cron) is computed here, with the DST rules of DESIGN.md "Time".
 * Nobody else asks luxon about time zones.
 */
export type { LocalDate, LocalDateTime, LocalParts } from './local-time.ts';
export {
  resolveLocal, localParts, addLocalDays, dayNumber, dateOfDayNumber, isoWeekday, isoWeekdayOfDayNumber, daysInMonth,
} from './local-time.ts';
export { isValidZone, offsetMinutes } from './zone-offset.ts';
export type { Recurrence } from './recurrence.ts';
export { nextOccurrence, occurrencesBetween } from './recurrence.ts';
export type { CronSchedule } from './cron-parse.ts';
export { parseCron } from './cron-parse.ts';
export type { WeekdayTime } from './day-time-parse.ts';
export { parseTimeOfDay, parseWeekdayTime, parseDays, dayOfWeek } from './day-time-parse.ts';
export { parseLocalDateTime, parseInstant } from './date-time-parse.ts';
export type { Parsed } from './parse-result.ts';
export type { WindowLength } from './window-end.ts';
export { windowEnd } from './window-end.ts';
