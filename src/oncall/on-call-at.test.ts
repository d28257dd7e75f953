import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LayerDef, OverrideDef, ScheduleDef } from '../config/config-types.ts';
import { finalShifts, layerShifts, onCallAt } from './index.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const at = (text: string) => Date.parse(text);
const HOUR = 3_600_000;

function layer(name: string, overrides: Partial<LayerDef>): LayerDef {
  return {
    name, rotation: { unit: 'week', count: 1 }, handoff: { weekday: 5, minute: 1020 },
    start: '2026-01-02T17:00', members: ['ana', 'ben', 'chen'], restrictions: [], ...overrides,
  };
}
function schedule(timezone: string, layers: LayerDef[], overrides: OverrideDef[] = []): ScheduleDef {
  return { id: 'primary', name: 'Primary', timezone, layers, overrides };
}
/** onCallAt as a row a table can compare: user, layer or "override", from, to in UTC. */
function answer(s: ScheduleDef, when: string, extra: OverrideDef[] = []) {
  const r = onCallAt(s, at(when), extra);
  return r && [r.user, r.source === 'override' ? 'override' : r.layer, iso(r.from), iso(r.to)];
}

const vectors = JSON.parse(readFileSync(new URL('../../test/fixtures/time/vectors.json', import.meta.url), 'utf8')) as {
  zones: { zone: string; weekly_friday_1700: string[] }[];
};

describe('weekly Friday 17:00 handoffs stay at 17:00 local across DST (vectors)', () => {
  it.each(vectors.zones.map((z) => [z.zone, z.weekly_friday_1700] as const))('%s', (zone, expected) => {
    const s = schedule(zone, [layer('weekly', {})]);
    const from = at('2025-12-31T00:00:00Z');
    const to = at('2028-01-01T00:00:00Z');
    const shifts = layerShifts(s, 0, from, to).filter((x) => x.user !== null);
    // The first shift starts at the layer's start, a Friday 17:00 itself; the last runs past the file's range.
    expect(shifts.map((x) => iso(x.from))).toEqual(expected);
    expect(shifts.map((x) => x.user)).toEqual(expected.map((_, k) => ['ana', 'ben', 'chen'][k % 3]));
    for (const [k, handoff] of expected.entries()) {
      const now = onCallAt(s, at(handoff));
      expect([now?.user, iso(now!.from)]).toEqual([['ana', 'ben', 'chen'][k % 3], handoff]);
      if (k + 1 < expected.length) expect(iso(now!.to)).toBe(expected[k + 1]);
    }
  });
});

describe('a daily 02:30 handoff in Europe/Berlin follows the DST rules', () => {
  const daily = (start: string) => schedule('Europe/Berlin', [
    layer('daily', { rotation: { unit: 'day', count: 1 }, handoff: { weekday: null, minute: 150 }, start, members: ['ana', 'ben'] }),
  ]);
  it.each([
    // Spring: 02:30 on 2026-03-29 does not exist and happens at the transition, 01:00Z.
    ['2026-03-27T02:30', '2026-03-27T01:29:00Z', null],
    ['2026-03-27T02:30', '2026-03-27T01:30:00Z', ['ana', 'daily', '2026-03-27T01:30:00Z', '2026-03-28T01:30:00Z']],
    ['2026-03-27T02:30', '2026-03-28T12:00:00Z', ['ben', 'daily', '2026-03-28T01:30:00Z', '2026-03-29T01:00:00Z']],
    ['2026-03-27T02:30', '2026-03-29T00:59:59Z', ['ben', 'daily', '2026-03-28T01:30:00Z', '2026-03-29T01:00:00Z']],
    ['2026-03-27T02:30', '2026-03-29T01:00:00Z', ['ana', 'daily', '2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z']],
    // Autumn: 02:30 on 2026-10-25 happens twice; the handoff is the first, 00:30Z, so that shift lasts 25 h.
    ['2026-10-23T02:30', '2026-10-25T00:29:00Z', ['ben', 'daily', '2026-10-24T00:30:00Z', '2026-10-25T00:30:00Z']],
    ['2026-10-23T02:30', '2026-10-25T00:30:00Z', ['ana', 'daily', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']],
    ['2026-10-23T02:30', '2026-10-25T01:30:00Z', ['ana', 'daily', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']],
    // A start inside the gap is the transition instant too.
    ['2026-03-29T02:15', '2026-03-29T01:00:00Z', ['ana', 'daily', '2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z']],
  ])('start %s, at %s', (start, when, expected) => {
    expect(answer(daily(start), when)).toEqual(expected);
  });
});

describe('other rotation lengths', () => {
  it.each([
    // 12 elapsed hours from 08:00 local: after spring-forward the handoffs fall at 09:00 and 21:00 local.
    [layer('12h', { rotation: { unit: 'hour', count: 12 }, handoff: { weekday: null, minute: 480 }, start: '2026-03-28T08:00', members: ['ana', 'ben'] }),
      '2026-03-29T06:59:00Z', ['ben', '12h', '2026-03-28T19:00:00Z', '2026-03-29T07:00:00Z']],
    [layer('12h', { rotation: { unit: 'hour', count: 12 }, handoff: { weekday: null, minute: 480 }, start: '2026-03-28T08:00', members: ['ana', 'ben'] }),
      '2026-03-29T07:00:00Z', ['ana', '12h', '2026-03-29T07:00:00Z', '2026-03-29T19:00:00Z']],
    // Two-week rotation starting on a Tuesday: the period is anchored at the Friday before the start.
    [layer('fortnight', { rotation: { unit: 'week', count: 2 }, start: '2026-01-06T10:00', members: ['ana', 'ben'] }),
      '2026-01-10T00:00:00Z', ['ana', 'fortnight', '2026-01-06T09:00:00Z', '2026-01-16T16:00:00Z']],
    [layer('fortnight', { rotation: { unit: 'week', count: 2 }, start: '2026-01-06T10:00', members: ['ana', 'ben'] }),
      '2026-01-29T00:00:00Z', ['ben', 'fortnight', '2026-01-16T16:00:00Z', '2026-01-30T16:00:00Z']],
    // Three-day rotation in Kolkata (+05:30): handoffs at 11:30Z.
    [layer('3d', { rotation: { unit: 'day', count: 3 }, handoff: { weekday: null, minute: 1020 }, start: '2026-01-01T17:00', members: ['ana', 'ben'] }),
      '2026-01-04T11:30:00Z', ['ben', '3d', '2026-01-04T11:30:00Z', '2026-01-07T11:30:00Z']],
  ])('%#', (l, when, expected) => {
    const zone = l.name === '3d' ? 'Asia/Kolkata' : 'Europe/Berlin';
    expect(answer(schedule(zone, [l]), when)).toEqual(expected);
  });
});

describe('restricted layers over a 24/7 layer, and overrides', () => {
  const monday = { rotation: { unit: 'week' as const, count: 1 }, handoff: { weekday: 1, minute: 540 }, start: '2026-01-05T09:00' };
  const s = schedule('UTC', [
    layer('base', { ...monday, members: ['ana', 'ben'] }),
    layer('business', {
      rotation: { unit: 'day', count: 1 }, handoff: { weekday: null, minute: 540 }, start: '2026-01-05T09:00', members: ['chen', 'dee'],
      restrictions: [{ days: [1, 2, 3, 4, 5], fromMinute: 540, toMinute: 1020 }],
    }),
    // Friday 22:00 until Saturday 06:00.
    layer('night', { ...monday, members: ['eve'], restrictions: [{ days: [5], fromMinute: 1320, toMinute: 360 }] }),
  ], [
    { user: 'zed', from: at('2026-01-06T15:00:00Z'), to: at('2026-01-06T20:00:00Z') },
    // Ana is on call anyway: an override is still its own shift.
    { user: 'ana', from: at('2026-01-07T17:00:00Z'), to: at('2026-01-07T19:00:00Z') },
  ]);
  const extra = [{ user: 'zed', from: at('2026-01-08T00:00:00Z'), to: at('2026-01-08T01:00:00Z') }];

  it.each([
    ['2026-01-05T08:59:59Z', null],
    ['2026-01-05T09:00:00Z', ['chen', 'business', '2026-01-05T09:00:00Z', '2026-01-05T17:00:00Z']],
    ['2026-01-05T17:00:00Z', ['ana', 'base', '2026-01-05T17:00:00Z', '2026-01-06T09:00:00Z']],
    ['2026-01-06T14:59:00Z', ['dee', 'business', '2026-01-06T09:00:00Z', '2026-01-06T15:00:00Z']],
    ['2026-01-06T16:00:00Z', ['zed', 'override', '2026-01-06T15:00:00Z', '2026-01-06T20:00:00Z']],
    ['2026-01-06T20:00:00Z', ['ana', 'base', '2026-01-06T20:00:00Z', '2026-01-07T09:00:00Z']],
    ['2026-01-07T18:00:00Z', ['ana', 'override', '2026-01-07T17:00:00Z', '2026-01-07T19:00:00Z']],
    ['2026-01-07T19:30:00Z', ['ana', 'base', '2026-01-07T19:00:00Z', '2026-01-08T09:00:00Z']],
    ['2026-01-09T21:59:00Z', ['ana', 'base', '2026-01-09T17:00:00Z', '2026-01-09T22:00:00Z']],
    ['2026-01-09T23:00:00Z', ['eve', 'night', '2026-01-09T22:00:00Z', '2026-01-10T06:00:00Z']],
    ['2026-01-10T12:00:00Z', ['ana', 'base', '2026-01-10T06:00:00Z', '2026-01-12T09:00:00Z']],
    ['2026-01-12T09:00:00Z', ['dee', 'business', '2026-01-12T09:00:00Z', '2026-01-12T17:00:00Z']],
    ['2026-01-12T18:00:00Z', ['ben', 'base', '2026-01-12T17:00:00Z', '2026-01-13T09:00:00Z']],
  ])('%s', (when, expected) => {
    expect(answer(s, when)).toEqual(expected);
  });

  it('extra overrides (from the API) split the layer shift they cover', () => {
    expect(answer(s, '2026-01-07T23:00:00Z', extra)).toEqual(['ana', 'base', '2026-01-07T19:00:00Z', '2026-01-08T00:00:00Z']);
    expect(answer(s, '2026-01-08T00:30:00Z', extra)).toEqual(['zed', 'override', '2026-01-08T00:00:00Z', '2026-01-08T01:00:00Z']);
    expect(answer(s, '2026-01-08T01:00:00Z', extra)).toEqual(['ana', 'base', '2026-01-08T01:00:00Z', '2026-01-08T09:00:00Z']);
  });

  it('finalShifts lays the same day out whole, gaps as nobody', () => {
    const rows = finalShifts(s, at('2026-01-05T00:00:00Z'), at('2026-01-07T00:00:00Z'))
      .map((x) => [x.user, x.source === 'override' ? 'override' : x.layer, iso(x.from), iso(x.to)]);
    expect(rows).toEqual([
      [null, null, '2026-01-05T00:00:00Z', '2026-01-05T09:00:00Z'],
      ['chen', 'business', '2026-01-05T09:00:00Z', '2026-01-05T17:00:00Z'],
      ['ana', 'base', '2026-01-05T17:00:00Z', '2026-01-06T09:00:00Z'],
      ['dee', 'business', '2026-01-06T09:00:00Z', '2026-01-06T15:00:00Z'],
      ['zed', 'override', '2026-01-06T15:00:00Z', '2026-01-06T20:00:00Z'],
      ['ana', 'base', '2026-01-06T20:00:00Z', '2026-01-07T00:00:00Z'],
    ]);
  });

  it('overnight windows cross DST: Saturday 22:00-06:00 in Berlin on the autumn night lasts 9 h', () => {
    const berlin = schedule('Europe/Berlin', [
      layer('night', { members: ['eve'], start: '2026-01-02T17:00', restrictions: [{ days: [6], fromMinute: 1320, toMinute: 360 }] }),
    ]);
    expect(answer(berlin, '2026-10-25T02:00:00Z')).toEqual(['eve', 'night', '2026-10-24T20:00:00Z', '2026-10-25T05:00:00Z']);
    expect(answer(berlin, '2026-03-29T02:00:00Z')).toEqual(['eve', 'night', '2026-03-28T21:00:00Z', '2026-03-29T04:00:00Z']);
  });
});

describe('sparse restrictions', () => {
  // Saturday 22:00 to Sunday 10:00, inside it Sunday 01:00-02:00, and Tuesday 22:00-23:00.
  const s = schedule('UTC', [
    layer('base', { members: ['ana'] }),
    layer('weekend', { members: ['eve'], restrictions: [{ days: [6], fromMinute: 1320, toMinute: 600 }, { days: [7], fromMinute: 60, toMinute: 120 }, { days: [2], fromMinute: 1320, toMinute: 1380 }] }),
  ]);
  it.each([
    ['2026-01-11T09:59:00Z', ['eve', 'weekend', '2026-01-10T22:00:00Z', '2026-01-11T10:00:00Z']],
    // Two days after the window: its end comes from a window that started three local days ago.
    ['2026-01-12T12:00:00Z', ['ana', 'base', '2026-01-11T10:00:00Z', '2026-01-13T22:00:00Z']],
    ['2026-01-16T12:00:00Z', ['ana', 'base', '2026-01-13T23:00:00Z', '2026-01-17T22:00:00Z']],
  ])('%s', (when, expected) => {
    expect(answer(s, when)).toEqual(expected);
  });
});

describe('far from the start', () => {
  it('answers ten years ahead without walking every shift', () => {
    const s = schedule('Europe/Berlin', [layer('weekly', {})]);
    const t0 = performance.now();
    const r = onCallAt(s, at('2036-01-04T12:00:00Z'));
    const elapsed = performance.now() - t0;
    // 2036-01-04 is a Friday, 522 weeks after the start: shift 521 (chen) ends at its 17:00 CET handoff.
    expect(r && [r.user, iso(r.from), iso(r.to)]).toEqual(['chen', '2035-12-28T16:00:00Z', '2036-01-04T16:00:00Z']);
    expect(elapsed).toBeLessThan(50);
  });

  it('caps the bounds of an endless shift at 90 days either side', () => {
    const s = schedule('UTC', [layer('solo', { members: ['ana'] })]);
    expect(answer(s, '2027-06-01T00:00:00Z')).toEqual(['ana', 'solo', '2027-03-03T00:00:00Z', '2027-08-30T00:00:00Z']);
  });

  it('an empty schedule has nobody, and its preview says so', () => {
    const s = schedule('UTC', []);
    expect(onCallAt(s, at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(finalShifts(s, 0, HOUR)).toEqual([{ user: null, source: 'layer', layer: null, from: 0, to: HOUR }]);
  });
});
