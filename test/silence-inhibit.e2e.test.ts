import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Event = { kind: string; message: string };

// Acceptance 5: a silence mutes matching alerts (recorded as muted on the timeline), and
// notifications resume when it expires; an inhibited alert is recorded with the alert that inhibited it.
describe('silences and inhibition', () => {
  let app: Opsdeck;
  let payments: HttpTarget;
  let api: HttpTarget;
  let hooks: HttpReceiver;
  let call: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    payments = await startHttpTarget(200);
    api = await startHttpTarget(200);
    hooks = await startHttpReceiver(() => ({ status: 200, body: 'ok' }));
    const dir = configDir({
      'opsdeck.yaml': `
organization: Mute
severities:
  P1: { name: Critical }
users:
  ana: { name: Ana Lima, contact: { webhook: "${hooks.url}/ana" } }
notifications:
  default_policy: page-ana
escalation_policies:
  page-ana: { levels: [ { after: 0s, notify: [user:ana] } ] }
inhibit:
  - source: { alertname: down }
    target: { alertname: slow }
    equal: [service]
services:
  payments:
    checks:
      health: { http: { url: "${payments.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1 }
  api:
    checks:
      health: { http: { url: "${api.url}/health" }, every: 1s, timeout: 500ms }
      latency: { http: { url: "${api.url}/slow" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1 }
      slow: { when: "latency failing for 4s", severity: P1 }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    call = apiAs(app.url, app.bootstrapSecret);
  });

  afterAll(async () => {
    await app?.stop();
    for (const closeable of [payments, api, hooks]) await closeable?.close();
  });

  it('records a silenced alert as muted and notifies once the silence ends', async () => {
    const silence = await call('POST', '/silences', { matchers: ['service=payments', 'alertname=~down|slow'], duration: '8s', comment: 'payments migration' });
    expect(silence.status).toBe(200);
    expect(silence.body.silence).toMatchObject({ state: 'active', author: expect.any(String) });

    payments.setStatus(503);
    const incident = await waitFor('the payments incident', async () =>
      (await call('GET', '/incidents?service=payments')).body.items[0], 15_000);
    await sleep(2_000);
    expect(hooks.requests).toEqual([]);
    const { body } = await call('GET', `/incidents/${incident.id}`);
    const muted = body.timeline.find((e: Event) => e.kind === 'muted');
    expect(muted.message).toContain('payments migration');
    expect((await call('GET', `/incidents/${incident.id}/escalation`)).body.escalation.state).toBe('held');

    // The silence ends 8 s after it began; the held escalation is released within a tick.
    const page = await waitFor('ana paged after the silence', async () => hooks.requests[0], 20_000);
    expect(JSON.parse(page.body).incident.id).toBe(incident.id);
    const silences = await call('GET', '/silences');
    expect(silences.body.items[0].state).toBe('expired');
  }, 60_000);

  it('records an inhibited alert with the alert that inhibited it, and pages only for the source', async () => {
    const before = hooks.requests.length;
    api.setStatus(503);
    const slow = await waitFor('the slow incident', async () =>
      (await call('GET', '/incidents?service=api&status=all')).body.items.find((i: { key: string }) => i.key === 'api/slow'), 20_000);
    const { body } = await call('GET', `/incidents/${slow.id}`);
    const muted = body.timeline.find((e: Event) => e.kind === 'muted');
    expect(muted.message).toContain('api/down');
    await sleep(1_500);
    const pages = hooks.requests.slice(before).map((r) => JSON.parse(r.body).incident.title as string);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('down');
  }, 60_000);
});
