import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { hashRoutingKey } from '../src/ingest/index.ts';
import { apiAs } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/integrations/${name}`, import.meta.url), 'utf8'));
const FIRING = sample('alertmanager-webhook-firing.json');
const RESOLVED = sample('alertmanager-webhook-resolved.json');

// Keys from the environment, as routing_key_env reads them; unique per run so parallel files cannot collide.
const AM_KEY = `am-${randomBytes(8).toString('hex')}`;
const EV_KEY = `ev-${randomBytes(8).toString('hex')}`;
process.env['OPSDECK_TEST_AM_KEY'] = AM_KEY;
process.env['OPSDECK_TEST_EV_KEY'] = EV_KEY;

const CONFIG = `
organization: Webhook
severities:
  P1: { name: Critical, respond_within: 15m }
  P2: { name: High }
  P3: { name: Warning }
  P4: { name: Info }
services:
  api: { name: API }
  payments: { name: Payments }
integrations:
  am:
    alertmanager:
      service: api
      severity_label: severity
      severity_map: { critical: P1, warning: P3 }
      routes: [ { match: ["team=payments"], service: payments } ]
      routing_key_env: OPSDECK_TEST_AM_KEY
  routed:
    alertmanager:
      routes: [ { match: ["team=payments"], service: payments, severity: P2 } ]
  ev:
    events_v2: { service: api, routing_key_env: OPSDECK_TEST_EV_KEY }
`;

function alert(fingerprint: string, labels: Record<string, string>, status = 'firing') {
  return { status, labels, annotations: { summary: `alert ${fingerprint}` }, startsAt: '2026-11-22T13:25:23.294Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint };
}

describe.each(DIALECTS)('Alertmanager webhook receiver on $name', (dialect) => {
  let app: Opsdeck | null = null;
  let schema: string | undefined;
  let api: ReturnType<typeof apiAs>;
  let storedKey: string;
  const logs: { msg: string; [k: string]: unknown }[] = [];

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${app!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() as any };
  }

  beforeAll(async () => {
    const options = await dialect.options();
    if (!options) return;
    schema = options.schema;
    const sink = new Writable({ write(chunk, _enc, done) { logs.push(JSON.parse(String(chunk))); done(); } });
    app = await startOpsdeck({ configDir: configDir({ 'opsdeck.yaml': CONFIG }), ...options, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'warn' }, sink) });
    api = apiAs(app.url, app.bootstrapSecret);
    // A key made the way `opsdeck integrations key create routed` makes one: only its hash is kept.
    storedKey = `stored-${randomBytes(8).toString('hex')}`;
    await app.store.integrationKeys.create({ integration: 'routed', hash: hashRoutingKey(storedKey), createdAt: Date.now(), createdBy: 'test' });
  });

  afterAll(async () => {
    await app?.stop();
    if (schema) await dropSchema(schema);
  });

  it('opens an incident per alert of the captured group, and a resent group opens nothing more', async (t) => {
    if (!app) return t.skip();
    const first = await post(`/alertmanager/${AM_KEY}`, FIRING);
    expect(first).toEqual({ status: 200, body: { status: 'success', integration: 'am', alerts: 2, opened: 2, resolved: 0, skipped: 0 } });
    const again = await post(`/alertmanager/${AM_KEY}`, FIRING);
    expect(again.body).toMatchObject({ opened: 0, alerts: 2 });

    const { body } = await api('GET', '/incidents?service=api');
    const byKey = Object.fromEntries(body.items.map((i: { key: string }) => [i.key, i]));
    expect(Object.keys(byKey).sort()).toEqual(['alertmanager:am/04dd39b85988b6a2', 'alertmanager:am/c8916cb234e36a17']);
    expect(byKey['alertmanager:am/04dd39b85988b6a2']).toMatchObject({ title: 'harness_value is 10 on db-1', severity: 'P1', status: 'triggered', service: 'api' });

    const stored = await app.store.externalAlerts.get('alertmanager:am/c8916cb234e36a17');
    expect(stored).toMatchObject({
      source: 'alertmanager', status: 'firing', events: 2, labels: { host: 'db-2', team: 'ops' },
      details: { generatorUrl: FIRING.alerts[1].generatorURL, startedAt: Date.parse('2026-11-22T13:25:23.294Z'), annotations: { runbook_url: 'https://runbooks.example.invalid/harness-value-high' } },
    });
    const events = await app.store.inboundEvents.list({ source: 'alertmanager', integration: 'am', limit: 10, offset: 0 });
    expect(events.total).toBe(2);
    expect(events.items[0]).toMatchObject({ action: 'firing', alertKey: null });
    expect(JSON.parse(events.items[0]!.body)).toEqual(FIRING);
  });

  it('resolves the alerts and their incidents from the captured resolved group', async (t) => {
    if (!app) return t.skip();
    const answer = await post(`/alertmanager/${AM_KEY}`, RESOLVED);
    expect(answer.body).toMatchObject({ status: 'success', opened: 0, resolved: 2 });
    const { body } = await api('GET', '/incidents?service=api&status=all');
    expect(body.items.map((i: { status: string }) => i.status)).toEqual(['resolved', 'resolved']);
    expect((await app.store.externalAlerts.get('alertmanager:am/04dd39b85988b6a2'))?.status).toBe('resolved');
    // Resolving again (Alertmanager repeats resolved notifications) changes nothing.
    expect((await post(`/alertmanager/${AM_KEY}`, RESOLVED)).body).toMatchObject({ resolved: 0 });
  });

  it('takes the key from Authorization: Bearer, routes by labels, and skips what no route places', async (t) => {
    if (!app) return t.skip();
    const body = {
      version: '4', status: 'firing', receiver: 'x', notification_reason: 'new', routeLabels: { team: 'payments' },
      alerts: [alert('aaaa000000000001', { alertname: 'PayDown', team: 'payments', severity: 'critical' }), alert('aaaa000000000002', { alertname: 'WebDown', team: 'web' })],
    };
    const answer = await post('/alertmanager', body, { authorization: `Bearer ${storedKey}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ integration: 'routed', alerts: 2, opened: 1, skipped: 1 });
    expect(answer.body.warnings).toEqual(['alert aaaa000000000002 skipped: no route of integration routed matches labels {alertname="WebDown", team="web"}, and it has no service: to send the rest to']);
    expect(logs.find((l) => l.msg === 'alertmanager alert skipped: no service for it')).toMatchObject({ integration: 'routed', fingerprint: 'aaaa000000000002' });
    const incident = (await api('GET', '/incidents?service=payments')).body.items[0];
    expect(incident).toMatchObject({ key: 'alertmanager:routed/aaaa000000000001', severity: 'P2', title: 'alert aaaa000000000001' });
    // The event log names the alert only when the webhook carried one.
    const events = await app.store.inboundEvents.list({ integration: 'routed', limit: 1, offset: 0 });
    expect(events.items[0]?.alertKey).toBeNull();
    await post('/alertmanager', { version: '4', alerts: [alert('aaaa000000000001', { team: 'payments' }, 'resolved')] }, { authorization: `Bearer ${storedKey}` });
    const single = await app.store.inboundEvents.list({ integration: 'routed', limit: 1, offset: 0 });
    expect(single.items[0]).toMatchObject({ action: 'resolved', alertKey: 'alertmanager:routed/aaaa000000000001' });
  });

  it.each<{ name: string; path: string; headers: Record<string, string>; body: unknown; status: number; error: string | RegExp }>([
    { name: 'no key', path: '/alertmanager', headers: {}, body: FIRING, status: 401, error: /^missing routing key: POST to \/alertmanager\/<routing-key>/ },
    { name: 'an unknown key in the path', path: '/alertmanager/nope', headers: {}, body: FIRING, status: 404, error: /^unknown routing key: no integration has it/ },
    { name: 'an unknown bearer key', path: '/alertmanager', headers: { authorization: 'Bearer nope' }, body: FIRING, status: 404, error: /^unknown routing key/ },
    { name: 'an Events v2 key', path: `/alertmanager/${EV_KEY}`, headers: {}, body: FIRING, status: 404, error: /^this routing key belongs to integration ev, which is events_v2/ },
    { name: 'invalid JSON', path: `/alertmanager/${AM_KEY}`, headers: {}, body: '{"version": "4", ', status: 400, error: /^expected a JSON body \(Alertmanager's webhook payload\), found invalid JSON: / },
    { name: 'another version', path: `/alertmanager/${AM_KEY}`, headers: {}, body: { ...FIRING, version: '3' }, status: 400, error: 'not an Alertmanager webhook payload (version "4"): version: expected version "4" (Alertmanager\'s webhook format), found "3"' },
    { name: 'an alert without a fingerprint', path: `/alertmanager/${AM_KEY}`, headers: {}, body: { version: '4', alerts: [{ status: 'firing', labels: {} }] }, status: 400, error: /alerts\.0\.fingerprint: / },
  ])('answers $status to $name, and stores nothing', async ({ path, headers, body, status, error }) => {
    // PostgreSQL unreachable: the dialects helper has said so; the SQLite half still runs.
    if (!app) return;
    const before = await app.store.inboundEvents.count({ source: 'alertmanager' });
    const answer = await post(path, body, headers);
    expect(answer.status).toBe(status);
    expect(answer.body.status).toBe('error');
    if (typeof error === 'string') expect(answer.body.error).toBe(error);
    else expect(answer.body.error).toMatch(error);
    expect(await app.store.inboundEvents.count({ source: 'alertmanager' })).toBe(before);
  });
});
