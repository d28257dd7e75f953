import { describe, expect, it } from 'vitest';
import { parseDays, parseTimeOfDay, parseWeekdayTime } from './index.ts';

describe('parseTimeOfDay', () => {
  it.each([
    ['17:00', { ok: true, value: 1020 }],
    [' 9:05 ', { ok: true, value: 545 }],
    ['00:00', { ok: true, value: 0 }],
    ['24:00', { ok: false, message: 'expected a time like "17:00", found "24:00": the hour must be 0-23' }],
    ['12:60', { ok: false, message: 'expected a time like "17:00", found "12:60": the minutes must be 0-59' }],
    ['5pm', { ok: false, message: 'expected a time like "17:00", found "5pm": the time must be HH:MM (24-hour)' }],
  ])('%j', (text, expected) => expect(parseTimeOfDay(text)).toEqual(expected));
});

describe('parseWeekdayTime', () => {
  it.each([
    ['Fri 17:00', { ok: true, value: { weekday: 5, minute: 1020 } }],
    ['sunday 02:30', { ok: true, value: { weekday: 7, minute: 150 } }],
    ['Fri 25:00', { ok: false, message: 'expected a day and time like "Fri 17:00", found "Fri 25:00": the hour must be 0-23' }],
    ['Fry 17:00', { ok: false, message: 'expected a day and time like "Fri 17:00", found "Fry 17:00": "Fry" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)' }],
    ['17:00', { ok: false, message: 'expected a day and time like "Fri 17:00", found "17:00": write a day name, a space, then HH:MM' }],
  ])('%j', (text, expected) => expect(parseWeekdayTime(text)).toEqual(expected));
});

describe('parseDays', () => {
  it.each<[string | string[], unknown]>([
    ['weekdays', { ok: true, value: [1, 2, 3, 4, 5] }],
    ['weekends', { ok: true, value: [6, 7] }],
    ['daily', { ok: true, value: [1, 2, 3, 4, 5, 6, 7] }],
    ['Mon,Wed,Fri', { ok: true, value: [1, 3, 5] }],
    ['Mon-Fri', { ok: true, value: [1, 2, 3, 4, 5] }],
    ['Fri-Mon', { ok: true, value: [1, 5, 6, 7] }],
    [['Sat', 'tue-thu', 'Sat'], { ok: true, value: [2, 3, 4, 6] }],
    ['Mon-Fro', { ok: false, message: 'expected days like "weekdays", "weekends", "daily", "Mon,Wed,Fri" or "Mon-Fri", found "Mon-Fro": "Fro" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)' }],
    ['', { ok: false, message: 'expected days like "weekdays", "weekends", "daily", "Mon,Wed,Fri" or "Mon-Fri", found "": no days given' }],
  ])('%j', (input, expected) => expect(parseDays(input)).toEqual(expected));
});
