import type { Recurrence } from '../calendar/index.ts';
import type { RoutineDef } from '../config/index.ts';

/** The routine's schedule as the one calendar module computes it, in the routine's zone. */
export function recurrenceOf(routine: RoutineDef): Recurrence {
  const zone = routine.timezone;
  const s = routine.schedule;
  switch (s.kind) {
    case 'daily': return { kind: 'daily', zone, minute: s.minute, weekdays: s.weekdays };
    case 'weekly': return { kind: 'weekly', zone, weekday: s.weekday, minute: s.minute };
    case 'monthly-weekday': return { kind: 'monthly-weekday', zone, nth: s.nth, weekday: s.weekday, minute: s.minute };
    case 'cron': return { kind: 'cron', zone, cron: s.cron };
  }
}

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const NTH = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', last: 'last' } as const;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The schedule as people write it: "09:00 on Mon-Fri", "every first Mon 10:00", "cron 0 9 * * 1-5". */
export function scheduleText(routine: RoutineDef): string {
  const s = routine.schedule;
  switch (s.kind) {
    case 'daily': {
      const days = s.weekdays.length === 7 ? 'every day' : s.weekdays.join(',') === '1,2,3,4,5' ? 'weekdays' : s.weekdays.map((d) => DAYS[d]).join(', ');
      return `${hhmm(s.minute)} ${days}`;
    }
    case 'weekly': return `every ${DAYS[s.weekday]} ${hhmm(s.minute)}`;
    case 'monthly-weekday': return `every ${NTH[s.nth]} ${DAYS[s.weekday]} ${hhmm(s.minute)}`;
    case 'cron': return `cron ${s.expr}`;
  }
}
