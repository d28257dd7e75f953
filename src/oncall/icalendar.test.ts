import { describe, expect, it } from 'vitest';
import type { ScheduleDef } from '../config/config-types.ts';
import { personEvents, renderICalendar, scheduleEvents } from './index.ts';

const at = Date.parse;

describe('renderICalendar', () => {
  const text = renderICalendar({
    name: 'On call: Primary, SRE',
    now: at('2026-01-01T12:00:00Z'),
    events: [{
      uid: 'primary/ana/1@opsdeck', summary: 'On call: Ana Lima (Primary)', from: at('2026-01-02T22:00:00Z'), to: at('2026-01-09T22:00:00Z'),
      description: 'Covers; escalations\\pages\nline two',
    }],
  });

  it('writes the calendar with CRLF line ends, UTC times and escaped text', () => {
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Opsdeck//On-call//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      'X-WR-CALNAME:On call: Primary\\, SRE',
      'BEGIN:VEVENT', 'UID:primary/ana/1@opsdeck', 'DTSTAMP:20260101T120000Z', 'DTSTART:20260102T220000Z', 'DTEND:20260109T220000Z',
      'SUMMARY:On call: Ana Lima (Primary)', 'DESCRIPTION:Covers\\; escalations\\\\pages\\nline two', 'END:VEVENT',
      'END:VCALENDAR', '',
    ]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['ascii', 'x'.repeat(200)],
    ['multi-byte characters are never split', 'Zoë Ørsted 日本語 '.repeat(12)],
  ])('folds long lines at 75 octets: %s', (_name, summary) => {
    const out = renderICalendar({ name: 'n', now: 0, events: [{ uid: 'u', summary, from: 0, to: 1 }] });
    const lines = out.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const start = lines.findIndex((l) => l.startsWith('SUMMARY:'));
    let unfolded = lines[start]!;
    for (let i = start + 1; lines[i]!.startsWith(' '); i++) unfolded += lines[i]!.slice(1);
    expect(unfolded).toBe(`SUMMARY:${summary}`);
    expect(lines.length).toBeGreaterThan(16);
  });
});

describe('schedule and person events', () => {
  const schedule: ScheduleDef = {
    id: 'primary', name: 'Primary', timezone: 'America/New_York', overrides: [],
    layers: [{ name: 'weekly', rotation: { unit: 'week', count: 1 }, handoff: { weekday: 5, minute: 1020 }, start: '2026-01-02T17:00', members: ['ana', 'ben'], restrictions: [] }],
  };
  const names: Record<string, string> = { ana: 'Ana Lima' };
  const options = { userName: (id: string) => names[id] };

  it('keeps the real bounds of shifts cut by the range, so UIDs are stable between polls', () => {
    const events = scheduleEvents(schedule, at('2026-01-05T00:00:00Z'), at('2026-01-12T00:00:00Z'), options);
    expect(events.map((e) => [e.uid, e.summary, new Date(e.from).toISOString(), new Date(e.to).toISOString()])).toEqual([
      [`primary/ana/${at('2026-01-02T22:00:00Z')}@opsdeck`, 'On call: Ana Lima (Primary)', '2026-01-02T22:00:00.000Z', '2026-01-09T22:00:00.000Z'],
      [`primary/ben/${at('2026-01-09T22:00:00Z')}@opsdeck`, 'On call: ben (Primary)', '2026-01-09T22:00:00.000Z', '2026-01-16T22:00:00.000Z'],
    ]);
  });

  it('gathers one person across schedules', () => {
    const secondary = { ...schedule, id: 'secondary', name: 'Secondary', layers: [{ ...schedule.layers[0]!, members: ['ben', 'ana'] }] };
    const events = personEvents('ana', [schedule, secondary], at('2026-01-05T00:00:00Z'), at('2026-01-20T00:00:00Z'), options);
    expect(events.map((e) => [e.summary, new Date(e.from).toISOString()])).toEqual([
      ['On call: Ana Lima (Primary)', '2026-01-02T22:00:00.000Z'],
      ['On call: Ana Lima (Secondary)', '2026-01-09T22:00:00.000Z'],
      ['On call: Ana Lima (Primary)', '2026-01-16T22:00:00.000Z'],
    ]);
  });
});
