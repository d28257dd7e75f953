import type { OverrideDef, ScheduleDef } from '../config/config-types.ts';
import { finalShifts } from './final-shifts.ts';
import type { CalendarEvent } from './icalendar.ts';
import { onCallAt } from './on-call-at.ts';
import type { Shift } from './shift-types.ts';

export interface FeedOptions {
  /** A user id -> the name people read ("Ana Lima"); ids are shown as-is when it returns undefined. */
  userName: (id: string) => string | undefined;
  extraOverrides?: readonly OverrideDef[];
}

/**
 * The final shifts of [from, to) as calendar events, "On call: Ana Lima (Primary)". The first and
 * last shifts keep their real bounds rather than the feed's range, so an event's UID (schedule,
 * user, real start) stays the same from one poll to the next and clients update, not duplicate.
 */
export function scheduleEvents(schedule: ScheduleDef, from: number, to: number, options: FeedOptions): CalendarEvent[] {
  return eventsOf(schedule, from, to, options, () => true);
}

function eventsOf(schedule: ScheduleDef, from: number, to: number, options: FeedOptions, wanted: (user: string) => boolean): CalendarEvent[] {
  const extra = options.extraOverrides ?? [];
  return unclipped(schedule, finalShifts(schedule, from, to, extra), extra).flatMap((shift) =>
    shift.user === null || !wanted(shift.user) ? [] : [event(schedule, shift as Shift & { user: string }, options)]);
}

/** One person's shifts across schedules, by start: a personal "when am I on call" feed. */
export function personEvents(
  user: string, schedules: readonly ScheduleDef[], from: number, to: number,
  options: FeedOptions & { extraOverridesOf?: (schedule: ScheduleDef) => readonly OverrideDef[] },
): CalendarEvent[] {
  return schedules
    .flatMap((schedule) => {
      const extra = options.extraOverridesOf?.(schedule) ?? options.extraOverrides ?? [];
      return eventsOf(schedule, from, to, { ...options, extraOverrides: extra }, (id) => id === user);
    })
    .sort((a, b) => a.from - b.from || a.uid.localeCompare(b.uid));
}

function unclipped(schedule: ScheduleDef, shifts: Shift[], extra: readonly OverrideDef[]): Shift[] {
  const first = shifts[0];
  const last = shifts[shifts.length - 1];
  if (first?.user) first.from = onCallAt(schedule, first.from, extra)?.from ?? first.from;
  if (last?.user) last.to = onCallAt(schedule, last.to - 1, extra)?.to ?? last.to;
  return shifts;
}

function event(schedule: ScheduleDef, shift: Shift & { user: string }, options: FeedOptions): CalendarEvent {
  const name = options.userName(shift.user) ?? shift.user;
  const how = shift.source === 'override' ? 'override' : `layer ${shift.layer}`;
  return {
    uid: `${uidPart(schedule.id)}/${uidPart(shift.user)}/${shift.from}@opsdeck`,
    summary: `On call: ${name} (${schedule.name})`,
    from: shift.from,
    to: shift.to,
    description: `Schedule ${schedule.name}, ${how}.`,
  };
}

/** Ids are config keys; keep "/" as the UID's own separator. */
function uidPart(id: string): string {
  return encodeURIComponent(id);
}
