import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';
import pino from 'pino';

// Acceptance: a real HTTP target on loopback goes down; with a 2 s interval and
// `for: 6s` an incident opens within 10 s and shows in the API; the target
// recovers and the incident auto-resolves; the timeline holds every transition in order.
describe.each(DIALECTS)('the core loop on $name', (dialect) => {
  let target: HttpTarget;
  let app: Opsdeck | null = null;
  let schema: string | undefined;

  beforeAll(async () => {
    const options = await dialect.options();
    if (!options) return;
    schema = options.schema;
    target = await startHttpTarget(200);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Test
${SEVERITIES}
services:
  web:
    checks:
      health: { http: { url: "${target.url}/health" }, every: 2s, timeout: 1s, expect: ["[STATUS] == 200"] }
    alerts:
      down: { when: "health failing for 6s", severity: P1, summary: "web is down" }
`,
    });
    app = await startOpsdeck({ configDir: dir, ...options, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await app?.stop();
    await target?.close();
    if (schema) await dropSchema(schema);
  });

  it('opens an incident within 10 s of the target going down, then auto-resolves it', async (ctx) => {
    if (!app) return ctx.skip();
    const api = apiAs(app.url, app.bootstrapSecret);
    await waitFor('the first passing result', async () => {
      const { body } = await api('GET', '/services');
      return body.items[0]?.status === 'up';
    });

    const downAt = Date.now();
    target.setStatus(503);
    const incident = await waitFor('an incident', async () => (await api('GET', '/incidents?status=open')).body.items[0], 12_000);
    expect(Date.now() - downAt).toBeLessThan(10_000);
    expect(incident).toMatchObject({ title: 'web is down', severity: 'P1', status: 'triggered', service: 'web', key: 'web/down' });
    expect(incident.respondBy - incident.openedAt).toBe(15 * 60_000);

    const services = (await api('GET', '/services')).body;
    expect(services.counts).toEqual({ up: 0, down: 1, unknown: 0 });
    expect(services.items[0].checks[0].conditions).toEqual([{ text: '[STATUS] (503) == 200', ok: false }]);

    target.setStatus(200);
    const resolved = await waitFor('auto-resolve', async () => {
      const { body } = await api('GET', `/incidents/${incident.id}`);
      return body.incident.status === 'resolved' ? body : null;
    }, 10_000);
    const kinds = resolved.timeline.map((e: { kind: string; message: string }) => `${e.kind}: ${e.message.split(':')[0]}`);
    expect(kinds).toEqual([
      'alert: Alert web/down firing', 'escalation: No escalation policy', 'alert: Alert web/down resolved', 'status: Resolved automatically',
    ]);
    const times = resolved.timeline.map((e: { at: number }) => e.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const alerts = (await api('GET', '/alerts')).body.items;
    expect(alerts[0]).toMatchObject({ ruleId: 'web/down', state: 'resolved' });
    expect((await api('GET', '/incidents?status=open')).body.total).toBe(0);
  }, 40_000);
});
