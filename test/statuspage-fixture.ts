import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

/** The page's instant: a Tuesday noon, so "the day after tomorrow" is a weekday. */
export const NOW = Date.parse('2026-12-01T12:00:00Z');
export const DAY = 86_400_000;
export const MAINTENANCE_START = NOW + 2 * DAY;
export const COMPONENTS = 20;

const id = (n: number) => String(n).padStart(2, '0');

function config(ok: HttpTarget, failing: HttpTarget): string {
  const services = Array.from({ length: COMPONENTS }, (_, i) => {
    const target = i === 2 ? failing : ok;
    return `  s${id(i + 1)}: { name: Service ${id(i + 1)}, checks: { health: { http: { url: "${target.url}/health" }, every: 10s, expect: ["[STATUS] == 200"] } } }`;
  });
  const component = (n: number) => `          - { id: c${id(n)}, name: Component ${id(n)}, description: "Serves part ${n} of the shop", services: [s${id(n)}] }`;
  return `
organization: Demo Shop
timezone: UTC
severities:
  P1: { name: Critical, update_every: 30m }
  P2: { name: High }
  P3: { name: Moderate }
services:
${services.join('\n')}
status_pages:
  public:
    title: Demo Shop status
    path: /status
    description: "Live status of the Demo Shop"
    links: [ { text: Support, href: "mailto:support@example.com" } ]
    components:
      - group: Shop
        components:
${Array.from({ length: 10 }, (_, i) => component(i + 1)).join('\n')}
      - group: Platform
        components:
${Array.from({ length: 10 }, (_, i) => component(i + 11)).join('\n')}
  internal:
    title: Demo Shop internal
    path: /status/internal
    access: private
    components:
      - { id: internal-db, name: Database, services: [s20] }
integrations:
  shop: { events_v2: { service: s01, routing_key_env: SP_KEY } }
maintenance:
  db-upgrade:
    title: Database upgrade
    start: "${new Date(MAINTENANCE_START).toISOString().slice(0, 16)}Z"
    lasts: 2h
    components: [c02]
    notice: 7d
    message: "Checkout may be slow while the database is upgraded."
`;
}

export interface StatusFixture {
  app: Opsdeck;
  clock: FakeClock;
  api: ReturnType<typeof apiAs>;
  secret: string;
  key: string;
  /** Opens (or adds to) an incident on s01 through Events API v2; returns its id. */
  trigger(summary: string, severity?: 'critical' | 'error' | 'warning'): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Ninety days of history for every check: each has run since 95 days ago, and component n was
 * down for n * 7 minutes on day n before today, so each day of the bars has data and a few have
 * outages, as a page that has run for months does (the size budget is for that page).
 */
async function seedHistory(app: Opsdeck): Promise<void> {
  for (let n = 1; n <= COMPONENTS; n++) {
    const checkId = `s${id(n)}/health`;
    const start = NOW - 95 * DAY;
    await app.store.results.recordStateChange({ checkId, at: start, ok: false, reason: 'first run' });
    await app.store.results.recordStateChange({ checkId, at: start + 60_000, ok: true, reason: 'passing' });
    const down = NOW - n * DAY - 6 * 3_600_000;
    await app.store.results.recordStateChange({ checkId, at: down, ok: false, reason: '[STATUS] (503) == 200' });
    await app.store.results.recordStateChange({ checkId, at: down + n * 7 * 60_000, ok: true, reason: 'passing' });
  }
}

export async function startStatusFixture(options: { databaseUrl?: string; schema?: string } = {}): Promise<StatusFixture> {
  const ok = await startHttpTarget(200);
  const failing = await startHttpTarget(503);
  const key = randomBytes(16).toString('hex');
  const clock = new FakeClock(new Date(NOW).toISOString());
  const app = await startOpsdeck({
    ...options, configDir: configDir({ 'opsdeck.yaml': config(ok, failing) }), clock, env: { SP_KEY: key },
    listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }),
  });
  await seedHistory(app);
  const secret = app.bootstrapSecret!;
  const api = apiAs(app.url, secret);
  return {
    app, clock, api, secret, key,
    async trigger(summary, severity = 'error') {
      const response = await fetch(`${app.url}/v2/enqueue`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: summary, payload: { summary, source: 'lb-1', severity } }),
      });
      if (response.status !== 202) throw new Error(`enqueue answered ${response.status}: ${await response.text()}`);
      // The 202 means stored; the incident opens a moment later, when the pipeline has run.
      const incident = await waitFor(`an open incident for "${summary}"`, async () => {
        const list = await api('GET', '/incidents?status=open');
        return list.body.items.find((i: { title: string }) => i.title.includes(summary));
      }, 10_000, 20);
      return incident.id as number;
    },
    async stop() {
      await app.stop();
      await ok.close();
      await failing.close();
    },
  };
}
