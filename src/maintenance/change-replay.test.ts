import { describe, expect, it } from 'vitest';
import type { MaintenanceDef } from '../config/index.ts';
import type { MaintenanceChange } from '../store/index.ts';
import { applyChanges } from './change-replay.ts';
import { announcedOrActive, maintenanceIntervals, occurrenceState, underMaintenance, upcoming } from './occurrence-queries.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SAT = Date.parse('2026-03-07T02:00:00Z');
const weekly: MaintenanceDef = {
  id: 'weekly-prod', title: 'Weekly prod', timezone: 'UTC', schedule: { kind: 'weekly', weekday: 6, minute: 120 },
  duration: { lastsMs: 4 * HOUR }, services: ['api'], components: ['API'], noticeMs: 7 * DAY, message: 'Brief blips', checklist: null,
};
let nextId = 1;
const change = (c: Omit<MaintenanceChange, 'id' | 'spec' | 'by' | 'at'> & Partial<MaintenanceChange>): MaintenanceChange =>
  ({ id: nextId++, spec: null, by: 'ana', at: SAT, ...c });
const spans = (list: { window: string; start: number; end: number }[]) => list.map((o) => [o.window, new Date(o.start).toISOString(), new Date(o.end).toISOString()]);

describe('applyChanges', () => {
  it('replays each occurrence\'s changes in order: the last end set wins, other occurrences keep their schedule', () => {
    const changes = [
      change({ window: 'weekly-prod', occurrenceStart: SAT, kind: 'extend', endsAt: SAT + 6 * HOUR }),
      change({ window: 'weekly-prod', occurrenceStart: SAT, kind: 'end-early', endsAt: SAT + 5 * HOUR }),
    ];
    const found = applyChanges([weekly], changes, SAT - DAY, SAT + 8 * DAY);
    expect(spans(found)).toEqual([
      ['weekly-prod', '2026-03-07T02:00:00.000Z', '2026-03-07T07:00:00.000Z'],
      ['weekly-prod', '2026-03-14T02:00:00.000Z', '2026-03-14T06:00:00.000Z'],
    ]);
    expect(found[0]!.changed).toEqual({ kind: 'end-early', by: 'ana', at: SAT });
    expect(found[0]!.scheduledEnd).toBe(SAT + 4 * HOUR);
    expect(found[0]!.noticeAt).toBe(SAT - 7 * DAY);
  });

  it('finds an occurrence that began before the range when an extension carries it into the range', () => {
    const extended = [change({ window: 'weekly-prod', occurrenceStart: SAT, kind: 'extend', endsAt: SAT + 30 * HOUR })];
    expect(spans(applyChanges([weekly], extended, SAT + DAY, SAT + 2 * DAY))).toEqual([['weekly-prod', '2026-03-07T02:00:00.000Z', '2026-03-08T08:00:00.000Z']]);
    // Without the change it is over by then.
    expect(applyChanges([weekly], [], SAT + DAY, SAT + 2 * DAY)).toEqual([]);
  });

  it('ignores changes to a window the config no longer has, and to a start its schedule does not produce', () => {
    const stale = [
      change({ window: 'removed', occurrenceStart: SAT, kind: 'extend', endsAt: SAT + 30 * HOUR }),
      change({ window: 'weekly-prod', occurrenceStart: SAT + HOUR, kind: 'extend', endsAt: SAT + 30 * HOUR }),
    ];
    expect(applyChanges([weekly], stale, SAT + DAY, SAT + 2 * DAY)).toEqual([]);
  });

  it('makes a created window from its spec, then applies its own changes; an ended one drops out once over', () => {
    const spec = { title: 'DB failover', timezone: 'Europe/Berlin', services: ['db'], components: ['Database'], message: 'Read-only for 10 minutes', noticeMs: HOUR };
    const start = SAT + 2 * DAY;
    const changes = [
      change({ window: 'api:abc', occurrenceStart: start, kind: 'create', endsAt: start + HOUR, spec }),
      change({ window: 'api:abc', occurrenceStart: start, kind: 'extend', endsAt: start + 2 * HOUR }),
    ];
    const [created] = applyChanges([], changes, start, start + DAY);
    expect(created).toMatchObject({ window: 'api:abc', source: 'api', title: 'DB failover', services: ['db'], components: ['Database'], start, scheduledEnd: start + HOUR, end: start + 2 * HOUR, noticeAt: start - HOUR });
    const ended = [...changes, change({ window: 'api:abc', occurrenceStart: start, kind: 'end-early', endsAt: start + 10 * 60_000 })];
    expect(applyChanges([], ended, start + HOUR, start + DAY)).toEqual([]);
  });
});

describe('occurrence queries', () => {
  const list = applyChanges([weekly], [], SAT - DAY, SAT + 15 * DAY);

  it('states are [start, end): upcoming before, active from the start, ended at the end', () => {
    expect([SAT - 1, SAT, SAT + 4 * HOUR - 1, SAT + 4 * HOUR].map((t) => occurrenceState(list[0]!, t))).toEqual(['upcoming', 'active', 'active', 'ended']);
  });

  it('says which service or component is under maintenance, and when', () => {
    expect(underMaintenance(list, { services: ['api'] }, SAT + HOUR)?.start).toBe(SAT);
    expect(underMaintenance(list, { components: ['API'] }, SAT + HOUR)?.start).toBe(SAT);
    expect(underMaintenance(list, { services: ['db'] }, SAT + HOUR)).toBeNull();
    expect(underMaintenance(list, { services: ['api'] }, SAT + 5 * HOUR)).toBeNull();
  });

  it('lists upcoming occurrences within a horizon, and on the status page only those already announced', () => {
    expect(upcoming(list, SAT + HOUR, 7 * DAY).map((o) => o.start)).toEqual([SAT + 7 * DAY]);
    expect(upcoming(list, SAT + HOUR, 14 * DAY).map((o) => o.start)).toEqual([SAT + 7 * DAY, SAT + 14 * DAY]);
    // Seven days' notice: the next one shows from exactly a week before it.
    expect(announcedOrActive(list, SAT - 1).map((o) => o.start)).toEqual([SAT]);
    expect(announcedOrActive(list, SAT).map((o) => o.start)).toEqual([SAT, SAT + 7 * DAY]);
    expect(announcedOrActive(list, SAT + 4 * HOUR).map((o) => o.start)).toEqual([SAT + 7 * DAY]);
  });

  it('gives the scope\'s maintenance as intervals clipped to the period', () => {
    expect(maintenanceIntervals(list, { services: ['api'] }, SAT + HOUR, SAT + 7 * DAY + HOUR)).toEqual([
      { start: SAT + HOUR, end: SAT + 4 * HOUR }, { start: SAT + 7 * DAY, end: SAT + 7 * DAY + HOUR },
    ]);
    expect(maintenanceIntervals(list, { components: ['Other'] }, SAT, SAT + DAY)).toEqual([]);
  });
});
