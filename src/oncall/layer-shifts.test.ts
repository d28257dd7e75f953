import { describe, expect, it } from 'vitest';
import type { ScheduleDef } from '../config/config-types.ts';
import { layerShifts } from './index.ts';

const at = Date.parse;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const schedule: ScheduleDef = {
  id: 'primary', name: 'Primary', timezone: 'Europe/Berlin', overrides: [],
  layers: [
    { name: 'base', rotation: { unit: 'day', count: 1 }, handoff: { weekday: null, minute: 540 }, start: '2026-03-27T09:00', members: ['ana', 'ben'], restrictions: [] },
    // Nights only, across the spring-forward night: Saturday 22:00 to Sunday 06:00 is 7 elapsed hours.
    { name: 'nights', rotation: { unit: 'day', count: 1 }, handoff: { weekday: null, minute: 540 }, start: '2026-03-27T09:00', members: ['chen', 'dee'],
      restrictions: [{ days: [1, 2, 3, 4, 5, 6, 7], fromMinute: 1320, toMinute: 360 }] },
  ],
};

describe('layerShifts', () => {
  it.each([
    [0, '2026-03-27T00:00:00Z', '2026-03-29T12:00:00Z', [
      [null, '2026-03-27T00:00:00Z', '2026-03-27T08:00:00Z'],
      ['ana', '2026-03-27T08:00:00Z', '2026-03-28T08:00:00Z'],
      ['ben', '2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z'],
      ['ana', '2026-03-29T07:00:00Z', '2026-03-29T12:00:00Z'],
    ]],
    // The rotation hands off at 09:00, outside the windows: each night is one member's.
    [1, '2026-03-27T12:00:00Z', '2026-03-29T12:00:00Z', [
      [null, '2026-03-27T12:00:00Z', '2026-03-27T21:00:00Z'],
      ['chen', '2026-03-27T21:00:00Z', '2026-03-28T05:00:00Z'],
      [null, '2026-03-28T05:00:00Z', '2026-03-28T21:00:00Z'],
      ['dee', '2026-03-28T21:00:00Z', '2026-03-29T04:00:00Z'],
      [null, '2026-03-29T04:00:00Z', '2026-03-29T12:00:00Z'],
    ]],
  ] as const)('layer %i from %s', (index, from, to, expected) => {
    const rows = layerShifts(schedule, index, at(from), at(to)).map((s) => [s.user, iso(s.from), iso(s.to)]);
    expect(rows).toEqual(expected);
  });

  it('names the layers it has when asked for one it does not', () => {
    expect(() => layerShifts(schedule, 2, 0, 1)).toThrow('expected a layer index 0-1 of schedule "primary", found 2');
  });
});
