import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../notify/templates/index.ts';
import { derivedComponents } from './component-derive.ts';
import { DEFAULT_TEMPLATES, formatConfigError, loadConfig } from './index.ts';
import type { Config } from './index.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/config/status-valid');

async function load(dir: string): Promise<Config> {
  const loaded = await loadConfig(dir);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
  return loaded.config;
}

describe('status pages resolve to', () => {
  it('the first page at /status, the others at /status/<id>, titles and colours filled in', async () => {
    const { statusPages } = await load(FIXTURE);
    expect(statusPages.map((p) => [p.id, p.path, p.access, p.title])).toEqual([
      ['public', '/status', 'public', 'Demo Shop status'],
      ['internal', '/status/internal', 'private', 'Demo Shop status'],
    ]);
    const [pub, internal] = statusPages;
    expect(pub!.colors).toEqual({ brand: '#0b7285', operational: '#1a7f37', degraded: '#9a6700', partial: '#bc4c00', major: '#b00', maintenance: '#0969da' });
    expect(internal!.colors['major']).toBe('#cf222e');
    expect(pub!.links).toEqual([{ text: 'Support', href: 'mailto:support@example.com' }, { text: 'Home', href: '/' }]);
    expect([pub!.logo, internal!.logo, internal!.description]).toEqual(['https://example.com/logo.svg', null, null]);
  });

  it('groups in display order, neighbouring ungrouped components sharing one unnamed group', async () => {
    const [pub] = (await load(FIXTURE)).statusPages;
    expect(pub!.groups.map((g) => [g.name, g.components.map((c) => c.id)])).toEqual([
      ['Checkout', ['payments', 'cart']],
      [null, ['website', 'search']],
    ]);
    expect(pub!.groups[0]!.components[1]).toEqual({ id: 'cart', name: 'Cart', description: 'Basket and checkout', services: ['shop-api'] });
    expect(pub!.groups[1]!.components[1]).toEqual({ id: 'search', name: 'search', description: null, services: ['search'] });
  });

  it('without components: one component per component: name, holding every service that names it', async () => {
    const [, internal] = (await load(FIXTURE)).statusPages;
    expect(internal!.groups).toEqual([
      {
        name: null,
        components: [
          { id: 'website', name: 'Website', description: null, services: ['shop-web'] },
          { id: 'api', name: 'API', description: null, services: ['shop-api', 'search'] },
          { id: 'checkout', name: 'Checkout', description: null, services: ['payments'] },
        ],
      },
    ]);
  });

  it.each<[string, [string, string | undefined][], string[]]>([
    ['names made into ids', [['a', 'Checkout API'], ['b', 'Search & Browse']], ['checkout-api', 'search-browse']],
    ['two names with one id numbered', [['a', 'Checkout API'], ['b', 'checkout-api'], ['c', 'CHECKOUT API']], ['checkout-api', 'checkout-api-2', 'checkout-api-3']],
    ['a name with no letters', [['a', '!!!']], ['component']],
    ['services without a component left out', [['a', undefined], ['b', 'B']], ['b']],
  ])('derived ids: %s', (_name, services, ids) => {
    expect(derivedComponents(services).map((c) => c.id)).toEqual(ids);
  });
});

describe('maintenance windows resolve to', () => {
  it('each way to start, the zone defaulting to the top-level one', async () => {
    const windows = new Map((await load(FIXTURE)).maintenance.map((w) => [w.id, w]));
    expect(windows.get('weekly-prod')).toEqual({
      id: 'weekly-prod',
      title: 'Weekly production maintenance',
      timezone: 'UTC',
      schedule: { kind: 'weekly', weekday: 6, minute: 120 },
      duration: { lastsMs: 4 * 3_600_000 },
      services: ['shop-api'],
      // Every component holding shop-api, on any page: cart (written) and api (the shorthand's).
      components: ['cart', 'api'],
      noticeMs: 7 * 86_400_000,
      message: 'Database upgrades; checkout may be slow.',
      checklist: 'pre-maintenance',
    });
    expect(windows.get('monthly')).toMatchObject({ title: 'monthly', timezone: 'Europe/Berlin', schedule: { kind: 'monthly-weekday', nth: 'last', weekday: 7, minute: 180 }, duration: { untilMinute: 330 } });
    const nightly = windows.get('nightly')!.schedule;
    expect(nightly.kind === 'cron' && [nightly.expr, nightly.cron.minutesOfDay]).toEqual(['30 1 * * *', [90]]);
  });

  it('a one-off start in the window’s zone, from an included file', async () => {
    const xmas = (await load(FIXTURE)).maintenance.find((w) => w.id === 'xmas');
    expect(xmas?.schedule).toEqual({ kind: 'once', start: Date.UTC(2026, 11, 24, 1, 30) });
  });

  it('scope defaults both ways: services from components, components from services', async () => {
    const windows = new Map((await load(FIXTURE)).maintenance.map((w) => [w.id, w]));
    expect([windows.get('monthly')!.services, windows.get('monthly')!.components]).toEqual([['payments'], ['payments']]);
    expect(windows.get('xmas')!.components).toEqual(['payments', 'website', 'checkout']);
  });

  it('a start the clocks jump over happens at the transition (DESIGN.md "Time")', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-maintenance-'));
    writeFileSync(path.join(dir, 'opsdeck.yaml'), [
      'organization: Demo',
      'services: { api: {} }',
      'maintenance:',
      '  gap: { start: "2026-03-29T02:30", lasts: 1h, timezone: Europe/Berlin, services: [api] }',
      '  offset: { start: "2026-03-29T02:30+00:00", lasts: 1h, timezone: Europe/Berlin, services: [api] }',
    ].join('\n'));
    const starts = (await load(dir)).maintenance.map((w) => w.schedule);
    expect(starts).toEqual([{ kind: 'once', start: Date.UTC(2026, 2, 29, 1, 0) }, { kind: 'once', start: Date.UTC(2026, 2, 29, 2, 30) }]);
  });
});

describe('templates and subscriptions resolve to', () => {
  it('the shipped three, one replaced in place keeping its title and audience, then the config’s own', async () => {
    const { templates, subscriptions } = await load(FIXTURE);
    expect(templates.map((t) => [t.id, t.title, t.audience])).toEqual([
      ['internal-update', 'Internal status update', 'internal'],
      ['customer-update', 'Customer communication', 'public'],
      ['incident-report', 'Incident report', 'internal'],
      ['all-clear', 'All clear', 'public'],
    ]);
    expect(templates[1]!.text).toBe('We are looking into {{incident.title}}.');
    expect(subscriptions).toEqual({ email: true, webhook: true });
  });

  it.each(DEFAULT_TEMPLATES.map((t) => [t.id, t.text]))('shipped %s compiles and names the incident', (_id, text) => {
    expect(compileTemplate(text)).toMatchObject({ ok: true });
    expect(text).toMatch(/\{\{incident\.(id|title|service)\}\}/);
  });

  it('with no status sections: the shipped templates and no subscriptions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-status-'));
    writeFileSync(path.join(dir, 'opsdeck.yaml'), 'organization: Demo\n');
    const config = await load(dir);
    expect([config.statusPages, config.maintenance, config.templates.length, config.subscriptions]).toEqual([[], [], 3, { email: false, webhook: false }]);
  });
});
