import { describe, expect, it } from 'vitest';
import type { RoutineDef } from '../config/index.ts';
import { parseCron } from '../calendar/index.ts';
import { dueOccurrences, nextDue } from './due-occurrences.ts';

const at = (text: string) => Date.parse(text);
const routine = (schedule: RoutineDef['schedule'], timezone = 'Europe/Berlin'): RoutineDef => ({
  id: 'r', title: 'R', timezone, schedule, work: { kind: 'checklist', items: ['x'] }, deadlineMs: 3_600_000, assign: null, severity: 'P3',
});
const weekdays9 = routine({ kind: 'daily', minute: 540, weekdays: [1, 2, 3, 4, 5] });
const cron = (expr: string) => {
  const parsed = parseCron(expr);
  if (!parsed.ok) throw new Error(parsed.message);
  return routine({ kind: 'cron', expr, cron: parsed.value });
};

describe('dueOccurrences', () => {
  it.each([
    ['nothing before the first occurrence', weekdays9, '2026-03-02T07:00:00Z', '2026-03-02T07:59:59Z', null],
    ['09:00 Berlin is 08:00 UTC in winter, due at that instant', weekdays9, '2026-03-02T07:00:00Z', '2026-03-02T08:00:00Z', { at: '2026-03-02T08:00:00Z', missed: 0 }],
    ['09:00 Berlin is 07:00 UTC in summer (after 29 March)', weekdays9, '2026-03-30T06:00:00Z', '2026-03-30T07:00:00Z', { at: '2026-03-30T07:00:00Z', missed: 0 }],
    ['the one handled is not due again', weekdays9, '2026-03-02T08:00:00Z', '2026-03-02T20:00:00Z', null],
    ['a weekend has none', weekdays9, '2026-03-06T09:00:00Z', '2026-03-08T23:00:00Z', null],
    ['after a week down, only the latest, and four said missed', weekdays9, '2026-03-02T08:00:00Z', '2026-03-09T12:00:00Z', { at: '2026-03-09T08:00:00Z', missed: 4 }],
    ['first Monday 10:00: March 2026 is the 2nd', routine({ kind: 'monthly-weekday', nth: 1, weekday: 1, minute: 600 }), '2026-02-27T00:00:00Z', '2026-03-02T09:00:00Z', { at: '2026-03-02T09:00:00Z', missed: 0 }],
    ['last Friday 16:00 UTC', routine({ kind: 'monthly-weekday', nth: 'last', weekday: 5, minute: 960 }, 'UTC'), '2026-04-01T00:00:00Z', '2026-04-30T00:00:00Z', { at: '2026-04-24T16:00:00Z', missed: 0 }],
    ['weekly Mon 10:00 across a month down', routine({ kind: 'weekly', weekday: 1, minute: 600 }, 'UTC'), '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z', { at: '2026-03-30T10:00:00Z', missed: 4 }],
    ['cron 30 2 * * * on the spring-forward night runs at 03:00 (the gap rule)', cron('30 2 * * *'), '2026-03-28T12:00:00Z', '2026-03-29T01:00:00Z', { at: '2026-03-29T01:00:00Z', missed: 0 }],
    ['cron 30 2 * * * on the fall-back night runs once, at the first 02:30', cron('30 2 * * *'), '2026-10-24T12:00:00Z', '2026-10-25T03:00:00Z', { at: '2026-10-25T00:30:00Z', missed: 0 }],
  ] as const)('%s', (_name, def, last, now, expected) => {
    const due = dueOccurrences(def, at(last), at(now));
    expect(due).toEqual(expected === null ? null : { at: at(expected.at), missed: expected.missed });
  });

  it('the next one after a Friday is the Monday', () => {
    expect(nextDue(weekdays9, at('2026-03-06T08:00:00Z'))).toBe(at('2026-03-09T08:00:00Z'));
  });
});
