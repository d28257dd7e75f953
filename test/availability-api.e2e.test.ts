import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { apiAs } from './support/api.ts';
import { configDir } from './support/config-dir.ts';

// The fixture month of availability-month.test.ts through the real app: state changes in its
// store, the maintenance window from its config (computed by the maintenance module), the figures
// from GET /api/v1/reports/availability. A fake clock keeps checks from running.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/availability/month.json', import.meta.url), 'utf8')) as {
  stateChanges: Record<string, { at: string; ok: boolean }[]>;
  expected: { downtimeMs: number; maintenanceMs: number; percent: number; dayFigures: Record<string, { percent: number; worst: string }> };
};

describe('the reports API', () => {
  let app: Opsdeck;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    const dir = configDir({
      'opsdeck.yaml': `
organization: Reports
timezone: Europe/Berlin
severities:
  P1: { name: Critical, respond_within: 15m, resolve_within: 4h }
services:
  api:
    checks:
      health: { http: { url: "http://127.0.0.1:9/health" }, every: 1h }
      latency: { http: { url: "http://127.0.0.1:9/slow" }, every: 1h }
  db:
    checks:
      ping: { http: { url: "http://127.0.0.1:9/db" }, every: 1h }
  other:
    checks:
      health: { http: { url: "http://127.0.0.1:9/other" }, every: 1h }
status_pages:
  public:
    components:
      - { id: platform, name: Platform, services: [api, db] }
maintenance:
  saturday:
    every: "Sat 02:00"
    lasts: 4h
    services: [api, db]
  elsewhere:
    every: "Wed 02:00"
    lasts: 4h
    services: [other]
`,
    });
    app = await startOpsdeck({ configDir: dir, clock: new FakeClock('2026-04-02T12:00:00Z'), listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
    for (const [checkId, list] of Object.entries(fixture.stateChanges)) {
      for (const c of list) await app.store.results.recordStateChange({ checkId, at: Date.parse(c.at), ok: c.ok, reason: '' });
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('gives the fixture month\'s figures for the component, with the config\'s maintenance excluded', async () => {
    const { status, body } = await api('GET', '/reports/availability?component=platform&from=2026-03-01&to=2026-04-01');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      scope: { kind: 'component', id: 'platform', name: 'Platform', services: ['api', 'db'] },
      from: Date.parse('2026-02-28T23:00:00Z'), to: Date.parse('2026-03-31T22:00:00Z'), zone: 'Europe/Berlin',
      downtimeMs: fixture.expected.downtimeMs, maintenanceMs: fixture.expected.maintenanceMs, percent: fixture.expected.percent,
    });
    expect(body.days).toHaveLength(31);
    const day29 = body.days.find((d: { date: string }) => d.date === '2026-03-29');
    expect({ percent: day29.percent, worst: day29.worst }).toEqual({ percent: 95.652, worst: 'major' });
    expect(fixture.expected.dayFigures['2026-03-29']).toMatchObject({ percent: 95.652, worst: 'major' });
  });

  it('reports a single service and refuses what it cannot answer', async () => {
    const db = (await api('GET', '/reports/availability?service=db&from=2026-03-01&to=2026-04-01')).body;
    // db/ping alone: 1,200 + 600 + 3,600 + 600 s of downtime outside maintenance.
    expect(db.downtimeMs).toBe(6_000_000);
    expect(await api('GET', '/reports/availability?service=db&component=platform')).toMatchObject({ status: 400, body: { error: 'expected exactly one of ?service=<id> or ?component=<id>' } });
    expect(await api('GET', '/reports/availability?component=nope')).toMatchObject({ status: 404, body: { error: 'no status-page component "nope"; defined: platform' } });
    expect(await api('GET', '/reports/availability?service=db&from=2026-05-01')).toMatchObject({ status: 400, body: { field: 'from' } });
    expect(await api('GET', '/reports/availability?service=db&zone=Mars/Olympus')).toMatchObject({ status: 400, body: { field: 'zone' } });
  });

  it('gives MTTA, MTTR and compliance over incidents opened in the period', async () => {
    const { body } = await api('GET', '/reports/incidents?from=2026-03-01&to=2026-04-01');
    expect(body).toMatchObject({ count: 0, mttaMs: null, mttrMs: null, respond: { met: 0, missed: 0, ratio: null } });
  });
});
