import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { dropSchema, freshSchema, POSTGRES_URL, postgresReachable } from './support/dialects.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

/** The value of one sample of the exposition text, or undefined when there is no such series. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(/,(?=[a-zA-Z_]\w*=")/) : [];
    if (wanted.length === have.length && wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (app: Opsdeck) => {
  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};

const config = (hooks: HttpReceiver, target: HttpTarget) => `
organization: Metrics
severities:
  P1: { name: Critical, escalation: everyone }
  P2: { name: High }
users:
  ana: { name: Ana Lima, contact: { webhook: "${hooks.url}/ana" } }
  ben: { name: Ben Okafor, contact: { webhook: "${hooks.url}/ben" } }
  carol: { name: Carol Diaz, contact: { webhook: "${hooks.url}/carol" } }
escalation_policies:
  everyone: { levels: [ { after: 0s, notify: [user:ana, user:ben, user:carol] } ] }
services:
  payments:
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Payments is down" }
      never: { when: "health failing for 1h", severity: P2 }
integrations:
  ci:
    events_v2: { service: payments, routing_key_env: METRICS_CI_KEY }
`;
const CI_KEY = 'metrics0ci0key000000000000000001';

// Opsdeck's own /metrics after a real incident and real notifications: ana's webhook takes it,
// ben's answers 503 (retried), carol's 404 (not retryable); every family is there with values
// that follow from what happened.
describe('metrics at /metrics', () => {
  let app: Opsdeck;
  let target: HttpTarget;
  let hooks: HttpReceiver;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    // Receivers read routing_key_env from the process environment.
    process.env['METRICS_CI_KEY'] = CI_KEY;
    target = await startHttpTarget(200);
    hooks = await startHttpReceiver((_i, request) => ({ status: request.path === '/ana' ? 200 : request.path === '/ben' ? 503 : 404, body: 'x' }));
    app = await startOpsdeck({ configDir: configDir({ 'opsdeck.yaml': config(hooks, target) }), listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
  });
  afterAll(async () => {
    await app?.stop();
    await target?.close();
    await hooks?.close();
  });

  it('counts checks, alerts, incidents, notifications, inbound events and requests', async () => {
    const before = await waitFor('a passing run', async () => {
      const text = await scrape(app);
      return (sample(text, 'opsdeck_check_runs_total', { outcome: 'pass' }) ?? 0) >= 1 && text;
    }, 10_000);
    expect(sample(before, 'opsdeck_alerts', { state: 'inactive' })).toBe(2);
    expect(sample(before, 'opsdeck_alerts', { state: 'firing' })).toBe(0);
    expect(sample(before, 'opsdeck_incidents_open', { severity: 'P1' })).toBe(0);
    expect(sample(before, 'opsdeck_notifications_sent_total')).toBe(0);
    expect(sample(before, 'opsdeck_notifications_pending')).toBe(0);

    target.setStatus(503);
    const incident = await waitFor('the incident', async () => (await api('GET', '/incidents')).body.items[0], 15_000);
    await waitFor('the three webhooks', async () => ['/ana', '/ben', '/carol'].every((p) => hooks.requests.some((r) => r.path === p)), 10_000);
    await waitFor('carol\'s attempt recorded', async () => (await api('GET', '/notifications?status=dead')).body.total >= 1, 10_000);
    expect((await api('GET', `/incidents/${incident.id}`)).status).toBe(200);
    expect((await api('GET', '/no/such/route')).status).toBe(404);
    expect((await api('POST', '/changes', { summary: 'deploy v2', service: 'payments' })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const change = await fetch(`${app.url}/v2/change/enqueue`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ routing_key: CI_KEY, payload: { summary: `build ${i}` } }),
      });
      expect(change.status).toBe(202);
    }
    // A refused event is not stored, so it is not counted.
    expect((await fetch(`${app.url}/v2/change/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"routing_key":"nope"}' })).status).toBe(400);

    const text = await scrape(app);
    expect(sample(text, 'opsdeck_check_runs_total', { outcome: 'fail' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'opsdeck_check_runs_total', { outcome: 'pass' })).toBeGreaterThanOrEqual(1);
    const runs = sample(text, 'opsdeck_check_runs_total', { outcome: 'fail' })! + sample(text, 'opsdeck_check_runs_total', { outcome: 'pass' })!;
    expect(sample(text, 'opsdeck_check_duration_seconds_count')).toBe(runs);
    // The target answers at once: every run is well under the 500 ms timeout.
    expect(sample(text, 'opsdeck_check_duration_seconds_bucket', { le: '0.5' })).toBe(runs);

    expect(sample(text, 'opsdeck_alerts', { state: 'firing' })).toBe(1);
    expect(sample(text, 'opsdeck_alerts', { state: 'pending' })! + sample(text, 'opsdeck_alerts', { state: 'inactive' })!).toBe(1);
    expect(sample(text, 'opsdeck_alert_transitions_total', { to: 'firing' })).toBe(1);
    expect(sample(text, 'opsdeck_incidents_open', { severity: 'P1' })).toBe(1);
    expect(sample(text, 'opsdeck_incidents_open', { severity: 'P2' })).toBe(0);

    expect(sample(text, 'opsdeck_notifications_sent_total')).toBe(1);
    expect(sample(text, 'opsdeck_notification_failures_total', { retryable: 'true' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'opsdeck_notification_failures_total', { retryable: 'false' })).toBe(1);
    // Ben's page waits for its retry; ana's was sent and carol's died.
    expect(sample(text, 'opsdeck_notifications_pending')).toBe(1);
    expect(sample(text, 'opsdeck_outbox_depth', { status: 'pending' })).toBe(1);
    expect(sample(text, 'opsdeck_outbox_depth', { status: 'sent' })).toBe(1);
    expect(sample(text, 'opsdeck_outbox_depth', { status: 'dead' })).toBe(1);
    expect(sample(text, 'opsdeck_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(0);

    expect(sample(text, 'opsdeck_inbound_events_total', { source: 'changes-api' })).toBe(1);
    expect(sample(text, 'opsdeck_inbound_events_total', { source: 'events-v2-change' })).toBe(2);
    expect(sample(text, 'opsdeck_inbound_events_total', { source: 'events-v2' })).toBeUndefined();

    const request = (method: string, route: string, status: string) =>
      sample(text, 'opsdeck_http_request_duration_seconds_count', { method, route, status });
    expect(request('GET', '/api/v1/incidents', '200')).toBeGreaterThanOrEqual(1);
    expect(request('GET', '/api/v1/incidents/:id', '200')).toBe(1);
    expect(request('POST', '/api/v1/changes', '200')).toBe(1);
    expect(request('GET', '/api/*', '404')).toBe(1);
    expect(request('GET', '/metrics', '200')).toBeGreaterThanOrEqual(1);
    // The pattern, never the raw URL: no series per incident id.
    expect(text).not.toContain(`route="/api/v1/incidents/${incident.id}"`);
    expect(sample(text, 'opsdeck_metrics_collect_failures_total', { collector: 'outbox' })).toBeUndefined();
    expect(sample(text, 'opsdeck_process_cpu_seconds_total')).toBeGreaterThan(0);
  }, 60_000);
});

// A scrape must not hang on a slow store: with the outbox table locked by another session, /metrics
// answers within the read bound with the last value, and says which read ran out of time.
describe('metrics when the store is slow (PostgreSQL)', () => {
  let app: Opsdeck | null = null;
  let schema: string | undefined;

  beforeAll(async () => {
    if (!(await postgresReachable())) return;
    schema = freshSchema();
    app = await startOpsdeck({
      configDir: configDir({ 'opsdeck.yaml': 'organization: Slow\nseverities:\n  P1: { name: Critical }\n' }),
      databaseUrl: POSTGRES_URL, schema, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await app?.stop();
    if (schema) await dropSchema(schema);
  });

  it('answers with the last value and counts the failed read', async (ctx) => {
    if (!app || !schema) return ctx.skip();
    expect(sample(await scrape(app), 'opsdeck_notifications_pending')).toBe(0);
    await app.store.notifications.enqueue([{
      key: 'slow:1', incidentId: null, channel: 'nowhere', recipient: null, createdAt: Date.now() + 3_600_000, notBefore: Date.now() + 3_600_000,
      message: { kind: 'notice', organization: 'Slow', consoleUrl: app.url, incident: null, level: null, round: null, recipient: null, text: 'later', deadLetter: null },
    }]);
    const locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${schema}".notifications IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      const text = await scrape(app);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sample(text, 'opsdeck_notifications_pending')).toBe(0);
      expect(sample(text, 'opsdeck_metrics_collect_failures_total', { collector: 'outbox' })).toBe(1);
      // The incidents read is not held up by the lock on another table.
      expect(sample(text, 'opsdeck_metrics_collect_failures_total', { collector: 'incidents' })).toBeUndefined();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    // The read that was waiting finishes once the lock goes, and the next scrape sees the row.
    await waitFor('the pending row', async () => sample(await scrape(app!), 'opsdeck_notifications_pending') === 1, 10_000);
  }, 30_000);
});
