import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

// Acceptance: no token gets 401; a viewer acknowledging gets 403; a malformed body gets 400 naming the field.
describe('API auth and validation', () => {
  let app: Opsdeck;
  let target: HttpTarget;
  let admin: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    target = await startHttpTarget(503);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Test
${SEVERITIES}
services:
  web:
    checks:
      health: { http: { url: "${target.url}/" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing", severity: P1 }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    admin = apiAs(app.url, app.bootstrapSecret);
    await waitFor('an incident', async () => (await admin('GET', '/incidents')).body.total === 1);
  });

  afterAll(async () => {
    await app.stop();
    await target.close();
  });

  it('answers 401 without a token or with an unknown one, on every API route', async () => {
    for (const [method, path] of [['GET', '/services'], ['GET', '/incidents'], ['POST', '/incidents/1/acknowledge'], ['GET', '/tokens']]) {
      const anonymous = await apiAs(app.url, null)(method!, path!);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect(anonymous.body.error).toMatch(/missing token/);
      expect((await apiAs(app.url, 'odk_wrong')(method!, path!)).status).toBe(401);
    }
    const openapi = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(Object.keys((await openapi.json()).paths)).toContain('/api/v1/incidents/{id}/acknowledge');
  });

  it('enforces roles: a viewer reads but gets 403 acknowledging; a responder acts; only admin manages tokens', async () => {
    const viewer = apiAs(app.url, (await admin('POST', '/tokens', { name: 'wall', role: 'viewer' })).body.secret);
    const responder = apiAs(app.url, (await admin('POST', '/tokens', { name: 'ana', role: 'responder' })).body.secret);
    expect((await viewer('GET', '/incidents')).status).toBe(200);
    const refused = await viewer('POST', '/incidents/1/acknowledge', {});
    expect(refused).toEqual({ status: 403, body: { error: "this needs role responder or higher; your token's role is viewer" } });
    expect((await responder('GET', '/tokens')).status).toBe(403);
    const acked = await responder('POST', '/incidents/1/acknowledge', {});
    expect(acked.status).toBe(200);
    expect(acked.body.incident.status).toBe('acknowledged');
    expect((await responder('POST', '/incidents/1/acknowledge', {})).status).toBe(409);
    const timeline = (await viewer('GET', '/incidents/1')).body.timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'status', actor: 'token:ana', message: 'Acknowledged' });
  });

  it('serves one service and pages alert rules with filters', async () => {
    const one = await admin('GET', '/services/web');
    expect(one.body).toMatchObject({ id: 'web', status: 'down', openIncidents: 1, alerts: [{ ruleId: 'web/down', state: 'firing', severity: 'P1' }] });
    expect((await admin('GET', '/services/nope')).status).toBe(404);
    expect((await admin('GET', '/alerts?state=firing')).body).toMatchObject({ total: 1, items: [{ ruleId: 'web/down' }] });
    expect((await admin('GET', '/alerts?state=inactive')).body).toEqual({ total: 0, items: [] });
    expect((await admin('GET', '/alerts?state=asleep')).body.field).toBe('state');
  });

  it('serves its own health without a token: /healthz, /readyz and Prometheus /metrics', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await fetch(`${app.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^opsdeck_check_runs_total\{outcome="fail"\} [1-9]\d*$/m);
    expect(text).toMatch(/^opsdeck_alert_transitions_total\{to="firing"\} 1$/m);
    expect(text).toMatch(/^opsdeck_checks_scheduled 1$/m);
  });

  it('answers 400 naming the field for a malformed body, and 404 for a missing incident', async () => {
    const wrongType = await admin('POST', '/incidents/1/notes', { message: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.field).toBe('message');
    expect(wrongType.body.error).toMatch(/^message: .*expected string/i);
    const unknownStatus = await admin('POST', '/incidents/1/status', { status: 'sleeping' });
    expect(unknownStatus.status).toBe(400);
    expect(unknownStatus.body.field).toBe('status');
    const badSeverity = await admin('POST', '/incidents/1/severity', { severity: 'P9' });
    expect(badSeverity).toEqual({ status: 400, body: { error: 'unknown severity "P9"; defined: P1, P2', field: 'severity' } });
    const notJson = await admin('POST', '/incidents/1/notes', '{"message": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.field).toBe('body');
    const badRole = await admin('POST', '/tokens', { name: 'x', role: 'root' });
    expect(badRole.body.field).toBe('role');
    expect((await admin('GET', '/incidents/999')).status).toBe(404);
    expect((await admin('GET', '/incidents?limit=abc')).body.field).toBe('limit');
  });
});
