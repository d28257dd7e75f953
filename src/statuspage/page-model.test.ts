import { describe, expect, it } from 'vitest';
import type { Config, StatusPageDef } from '../config/index.ts';
import type { Incident } from '../incidents/index.ts';
import type { Occurrence } from '../maintenance/index.ts';
import type { StatusUpdate } from '../store/index.ts';
import { pageModel, pageShows, type PageSnapshot } from './page-model.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const H = 3_600_000;
const component = (id: string, services: string[]) => ({ id, name: id.toUpperCase(), description: null, services });
const page = (id: string, path: string, components: ReturnType<typeof component>[]): StatusPageDef => ({
  id, title: id, path, access: 'public', description: null, logo: null, colors: {}, links: [], groups: [{ name: null, components }],
});
const publicPage = page('public', '/status', [component('web', ['shop']), component('pay', ['payments'])]);
const internalPage = page('internal', '/status/internal', [component('db', ['postgres'])]);
// Only what the page model reads of a Config.
const config = {
  organization: 'Shop', timezone: 'UTC',
  severities: [{ id: 'P1' }, { id: 'P2' }, { id: 'P3' }],
  services: [
    { id: 'shop', checks: [{ id: 'shop/a' }, { id: 'shop/b' }], alerts: [{ id: 'shop/slow', severity: 'P3' }] },
    { id: 'payments', checks: [], alerts: [] },
    { id: 'postgres', checks: [], alerts: [] },
  ],
  statusPages: [publicPage, internalPage],
} as unknown as Config;

const incident = (id: number, service: string | null, extra: Partial<Incident> = {}): Incident => ({
  id, key: null, title: `incident ${id}`, service, severity: 'P2', status: 'triggered', openedAt: NOW - H, acknowledgedAt: null, resolvedAt: null,
  respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null, updatedAt: NOW - H, ...extra,
});
const update = (incidentId: number, components: string[], at = NOW - H / 2): StatusUpdate => ({
  id: incidentId * 10, incidentId, at, status: 'identified', visibility: 'public', message: `about ${incidentId}`, author: 'ana', components,
});
const occurrence = (components: string[], start: number, end: number, noticeAt = start - 24 * H): Occurrence => ({
  window: 'w', source: 'config', title: 'Upgrade', timezone: 'UTC', services: [], components, message: 'slow', start, scheduledEnd: end, end, noticeAt, changed: null,
});

function snapshot(s: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    now: NOW, config, page: publicPage, checkOk: () => true, alertFiring: () => false, incidents: [], updates: new Map(), occurrences: [], uptime: new Map(), ...s,
  };
}

describe('pageShows', () => {
  const table: [string, Incident, StatusUpdate[], boolean][] = [
    ['an incident on a service of the page', incident(1, 'shop'), [], true],
    ['an incident on another page\'s service', incident(2, 'postgres'), [], false],
    ['... whose public update names a component of this page', incident(3, 'postgres'), [update(3, ['pay'])], true],
    ['no service, no update: nothing to show', incident(4, null), [], false],
    ['no service, a public update naming nothing: a general announcement', incident(5, null), [update(5, [])], true],
  ];
  it.each(table)('%s', (_name, i, updates, expected) => {
    expect(pageShows({ config, page: publicPage, updates: new Map([[i.id, updates]]) }, i)).toBe(expected);
  });
});

describe('pageModel', () => {
  it('gives each component its status and the banner the worst', () => {
    const m = pageModel(snapshot({
      checkOk: (id) => id !== 'shop/b',
      incidents: [incident(1, 'postgres', { severity: 'P1' }), incident(2, 'postgres'), incident(3, null)],
      updates: new Map([[2, [update(2, ['pay'])]]]),
    }));
    expect(m.groups[0]!.components.map((c) => [c.id, c.status])).toEqual([['web', 'partial'], ['pay', 'partial']]);
    expect(m.overall).toBe('partial');
    expect(m.active.map((i) => i.id)).toEqual([2]);
    expect(m.active[0]).toMatchObject({ status: 'identified', components: ['PAY'] });
  });

  it('shows maintenance from its notice time, marks components under it, and knows when the page next changes', () => {
    const upcoming = occurrence(['pay'], NOW + 2 * H, NOW + 4 * H);
    const unannounced = occurrence(['web'], NOW + 48 * H, NOW + 50 * H);
    const elsewhere = occurrence(['db'], NOW - H, NOW + H);
    let m = pageModel(snapshot({ occurrences: [upcoming, unannounced, elsewhere] }));
    expect(m.maintenance.map((w) => [w.components, w.active])).toEqual([[['PAY'], false]]);
    expect(m.groups[0]!.components.every((c) => c.status === 'operational')).toBe(true);
    expect(m.nextChangeAt).toBe(NOW + H);
    m = pageModel(snapshot({ now: NOW + 3 * H, occurrences: [upcoming], checkOk: () => false }));
    expect(m.groups[0]!.components.map((c) => c.status)).toEqual(['major', 'maintenance']);
    expect(m.nextChangeAt).toBe(NOW + 4 * H);
  });

  it('lists resolved incidents of the last 90 days, newest first, with updates newest first', () => {
    const old = incident(1, 'shop', { resolvedAt: NOW - 91 * 24 * H });
    const a = incident(2, 'shop', { resolvedAt: NOW - 5 * H });
    const b = incident(3, 'shop', { resolvedAt: NOW - 2 * H });
    const m = pageModel(snapshot({ incidents: [old, a, b], updates: new Map([[3, [update(3, [], NOW - 4 * H), { ...update(3, [], NOW - 3 * H), id: 31 }]]]) }));
    expect(m.history.map((i) => i.id)).toEqual([3, 2]);
    expect(m.history[0]!.updates.map((u) => u.id)).toEqual([31, 30]);
  });
});
