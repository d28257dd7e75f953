import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

// Acceptance 3: a webhook receiver that answers 500 three times then 200 gets the notification
// exactly once as success, with three retries in the delivery log; a receiver that stays down past
// the maximum age produces a dead letter, visible in the API, and the fallback channel receives it.
describe('delivery: retries, dead letters and the fallback channel', () => {
  let app: Opsdeck;
  let target: HttpTarget;
  let flaky: HttpReceiver;
  let down: HttpReceiver;
  let fallback: HttpReceiver;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    target = await startHttpTarget(503);
    flaky = await startHttpReceiver((index) => (index < 3 ? { status: 500, body: 'busy' } : { status: 200, body: 'ok' }));
    down = await startHttpReceiver(() => ({ status: 503, body: 'maintenance' }));
    fallback = await startHttpReceiver(() => ({ status: 200, body: 'ok' }));
    const dir = configDir({
      'opsdeck.yaml': `
organization: Retry
severities:
  P2: { name: High }
users:
  ana: { name: Ana Lima, contact: { webhook: "${flaky.url}/ana" } }
  dan: { name: Dan Wu, contact: { webhook: "${down.url}/dan" } }
channels:
  ops-fallback: { webhook: "${fallback.url}/fallback" }
notifications:
  retry: { initial: 1s, max_delay: 2s, max_age: 8s }
  fallback: ops-fallback
  default_policy: default
escalation_policies:
  default:
    levels:
      - { after: 0s, notify: [user:ana, user:dan] }
services:
  shop:
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P2 }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
  });

  afterAll(async () => {
    await app?.stop();
    for (const closeable of [target, flaky, down, fallback]) await closeable?.close();
  });

  it('delivers once after three failures, and dead-letters to the fallback past the maximum age', async () => {
    const incident = await waitFor('the incident', async () => (await api('GET', '/incidents')).body.items[0], 15_000);
    const toAna = await waitFor('ana\'s notification sent', async () => {
      const { body } = await api('GET', `/notifications?incident=${incident.id}&status=sent`);
      return body.items.find((n: { channel: string }) => n.channel === 'user:ana/webhook');
    }, 20_000);
    expect(flaky.requests).toHaveLength(4);
    expect(new Set(flaky.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const { body: anaLog } = await api('GET', `/notifications/${toAna.id}`);
    expect(anaLog.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'sent']);

    const dead = await waitFor('dan\'s dead letter', async () => (await api('GET', '/notifications?status=dead')).body.items[0], 20_000);
    expect(dead).toMatchObject({ channel: 'user:dan/webhook', incidentId: incident.id });
    expect(dead.attempts).toBeGreaterThan(1);
    expect(dead.lastError).toContain('503');
    const letter = await waitFor('the fallback', async () => fallback.requests[0], 10_000);
    expect(JSON.parse(letter.body)).toMatchObject({ kind: 'dead-letter' });
    expect(letter.body).toContain('user:dan/webhook');

    const { body } = await api('GET', `/incidents/${incident.id}`);
    const deliveries = body.timeline.filter((e: { kind: string }) => e.kind === 'delivery').map((e: { message: string }) => e.message);
    expect(deliveries.filter((m: string) => m.includes('user:ana/webhook'))).toHaveLength(4);
  }, 60_000);
});
