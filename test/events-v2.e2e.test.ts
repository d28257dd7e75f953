import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import type { Clock } from '../src/time/index.ts';
import { systemClock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KEY = 'e2e0checkout0key0000000000000001';
const OTHER_KEY = 'e2e0other0key0000000000000000002';
const SLOW_KEY = 'e2e0slow0key00000000000000000003';
const sample = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/events-v2/${name}`, import.meta.url), 'utf8'));

/** The real clock, plus an offset the test moves to step past the 5-minute re-fire cool-down without waiting for it. */
class SkewedClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  setTimer(delayMs: number, fn: () => void) {
    return systemClock.setTimer(delayMs, fn);
  }
}

// Issue 6, Events API v2: a trigger opens an incident that shows what the sender sent and pages
// the on-call user; the same dedup_key adds to it; acknowledge stops escalation; resolve resolves;
// the key then opens a new incident. Plus keys made through the CLI, revocation, 429 and change events.
describe('Events API v2 end to end', () => {
  let app: Opsdeck;
  let hooks: HttpReceiver;
  let api: ReturnType<typeof apiAs>;
  const clock = new SkewedClock();
  const send = async (body: unknown, path = '/v2/enqueue') => {
    const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: await response.json() as any };
  };

  beforeAll(async () => {
    hooks = await startHttpReceiver(() => ({ status: 200, body: 'ok' }));
    Object.assign(process.env, { E2E_CHECKOUT_KEY: KEY, E2E_OTHER_KEY: OTHER_KEY, E2E_SLOW_KEY: SLOW_KEY });
    const dir = configDir({
      'opsdeck.yaml': `
organization: Events
severities:
  P1: { name: Critical }
  P2: { name: High }
  P3: { name: Medium }
users:
  ana: { name: Ana Lima, contact: { webhook: "${hooks.url}/ana" } }
  ben: { name: Ben Okafor, contact: { webhook: "${hooks.url}/ben" } }
schedules:
  primary: { timezone: UTC, rotation: weekly, handoff: "Mon 09:00", start: "2026-01-05T09:00", members: [ana] }
escalation_policies:
  default:
    levels:
      - { after: 0s, notify: [schedule:primary] }
      - { after: 3s, notify: [user:ben] }
services:
  payments: { name: Payments }
integrations:
  checkout:
    events_v2: { service: payments, routing_key_env: E2E_CHECKOUT_KEY, escalation: default }
  other:
    events_v2: { service: payments, routing_key_env: E2E_OTHER_KEY }
  slow:
    events_v2: { service: payments, routing_key_env: E2E_SLOW_KEY, rate_limit: 2/min }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, clock, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
  });

  afterAll(async () => {
    await app?.stop();
    await hooks?.close();
  });

  it('trigger, add, acknowledge, resolve, and the same key again', async () => {
    const event = { ...sample('pagerduty-events-v2-trigger-request.docs.json'), routing_key: KEY };
    const first = await send(event);
    expect(first).toMatchObject({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' } });

    const listed = await waitFor('the incident', async () => (await api('GET', '/incidents')).body.items[0]);
    expect(listed).toMatchObject({ key: 'events-v2:checkout/srv01/mysql', service: 'payments', severity: 'P1', title: event.payload.summary });
    const { body: detail } = await api('GET', `/incidents/${listed.id}`);
    expect(detail.externalAlert).toMatchObject({
      key: 'events-v2:checkout/srv01/mysql', source: 'events-v2', integration: 'checkout', status: 'firing', events: 1,
      labels: { component: 'mysql', group: 'prod-datapipe', class: 'disk', source: 'prod-datapipe03.example.com' },
      details: {
        links: event.links, images: event.images, customDetails: event.payload.custom_details,
        component: 'mysql', group: 'prod-datapipe', class: 'disk', client: 'Sample Monitoring Service', clientUrl: 'https://monitoring.service.com',
        startedAt: Date.parse('2015-07-17T08:42:58.315Z'),
      },
    });
    const toAna = await waitFor('ana\'s page', async () => hooks.requests.find((r) => r.path === '/ana'), 10_000);
    expect(JSON.parse(toAna.body)).toMatchObject({ kind: 'incident.triggered', incident: { id: listed.id } });

    // The same dedup_key adds to the alert: no new incident, no second page.
    const again = await send({ ...event, payload: { ...event.payload, summary: 'DISK at 100%' } });
    expect(again.status).toBe(202);
    expect((await api('GET', `/incidents/${listed.id}`)).body.externalAlert).toMatchObject({ events: 2, summary: 'DISK at 100%' });
    expect((await api('GET', '/incidents?status=all')).body.total).toBe(1);

    // Another integration's key cannot touch it: dropped, still 202.
    expect(await send({ routing_key: OTHER_KEY, event_action: 'acknowledge', dedup_key: 'srv01/mysql' })).toMatchObject({ status: 202, body: { dedup_key: 'srv01/mysql' } });
    expect(await send({ routing_key: OTHER_KEY, event_action: 'resolve', dedup_key: 'srv01/mysql' })).toMatchObject({ status: 202 });
    expect((await api('GET', `/incidents/${listed.id}`)).body.incident.status).toBe('triggered');

    const ack = await send({ ...sample('pagerduty-events-v2-acknowledge-request.docs.json'), routing_key: KEY, dedup_key: 'srv01/mysql' });
    expect(ack).toMatchObject({ status: 202, body: { status: 'success', dedup_key: 'srv01/mysql' } });
    expect((await api('GET', `/incidents/${listed.id}`)).body.incident.status).toBe('acknowledged');
    // Ben's level was due 3 s after the start; the acknowledgement stopped it.
    await sleep(4_500);
    expect(hooks.requests.filter((r) => r.path === '/ben')).toEqual([]);
    expect(hooks.requests.filter((r) => r.path === '/ana')).toHaveLength(1);

    const resolve = await send({ ...sample('pagerduty-events-v2-resolve-request.docs.json'), routing_key: KEY, dedup_key: 'srv01/mysql' });
    expect(resolve.status).toBe(202);
    await waitFor('resolved', async () => (await api('GET', `/incidents/${listed.id}`)).body.incident.status === 'resolved');
    expect((await api('GET', `/incidents/${listed.id}`)).body.externalAlert).toMatchObject({ status: 'resolved' });
    // Resolving twice, acknowledging an unknown key: dropped with 202, as PagerDuty does.
    expect((await send({ routing_key: KEY, event_action: 'resolve', dedup_key: 'srv01/mysql' })).status).toBe(202);
    expect((await send({ routing_key: KEY, event_action: 'acknowledge', dedup_key: 'never-seen' })).status).toBe(202);

    // Past the re-fire cool-down, the same key opens a new incident, which escalates (nobody acknowledges).
    clock.offset += 6 * 60_000;
    expect((await send(event)).status).toBe(202);
    const second = await waitFor('a second incident', async () => (await api('GET', '/incidents')).body.items.find((i: { id: number }) => i.id !== listed.id));
    expect(second).toMatchObject({ key: 'events-v2:checkout/srv01/mysql', status: 'triggered' });
    await waitFor('ben\'s page for the second incident', async () => hooks.requests.find((r) => r.path === '/ben'), 15_000);

    const logged = await app.store.inboundEvents.list({ source: 'events-v2', integration: 'checkout', limit: 100, offset: 0 });
    expect(logged.items.map((e) => e.action).reverse()).toEqual(['trigger', 'trigger', 'acknowledge', 'resolve', 'resolve', 'acknowledge', 'trigger']);
    expect(JSON.parse(logged.items.at(-1)!.body)).toEqual(event);
  }, 60_000);

  it('a trigger without dedup_key gets one made up, and it works for resolve', async () => {
    const made = await send({ routing_key: KEY, event_action: 'trigger', payload: { summary: 'queue stuck', source: 'worker-3', severity: 'warning' } });
    expect(made).toMatchObject({ status: 202, body: { status: 'success' } });
    expect(made.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    const alert = await app.store.externalAlerts.get(`events-v2:checkout/${made.body.dedup_key}`);
    expect(alert).toMatchObject({ severity: 'P3', status: 'firing', summary: 'queue stuck' });
    expect((await send({ routing_key: KEY, event_action: 'resolve', dedup_key: made.body.dedup_key })).status).toBe(202);
    expect(await app.store.externalAlerts.get(`events-v2:checkout/${made.body.dedup_key}`)).toMatchObject({ status: 'resolved' });
  });

  it('keys made with the CLI work until revoked; the listing never shows a key', async () => {
    const env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: app.bootstrapSecret! };
    const created = await opsdeck(['integrations', 'key', 'create', 'other'], env);
    expect(created.code).toBe(0);
    const routingKey = created.stdout.trim();
    expect(routingKey).toMatch(/^[0-9a-f]{32}$/);
    expect(created.stderr).toContain('not shown again');
    const change = { ...sample('pagerduty-change-event-request.docs.json'), routing_key: routingKey };
    expect(await send(change, '/v2/change/enqueue')).toEqual({ status: 202, headers: expect.anything(), body: { status: 'success', message: 'Change event processed' } });
    const changes = await app.store.changes.list({ service: 'payments', limit: 10, offset: 0 });
    expect(changes.items[0]).toMatchObject({ origin: 'other', summary: change.payload.summary, source: change.payload.source, links: change.links, at: Date.parse('2020-07-17T08:42:58.315Z') });

    const listing = await api('GET', '/integrations');
    expect(listing.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'other', type: 'events_v2', service: 'payments', keys: 1, keyEnv: 'E2E_OTHER_KEY', keyEnvSet: true }),
      expect.objectContaining({ id: 'checkout', keys: 0 }),
    ]));
    expect(JSON.stringify(listing.body)).not.toContain(routingKey);
    const listed = await opsdeck(['integrations', 'list'], env);
    expect(listed.stdout).toMatch(/other\s+events_v2\s+-> payments\s+1 key /);

    const keys = await api('GET', '/integrations/other/keys');
    expect(keys.body.items).toHaveLength(1);
    expect(JSON.stringify(keys.body)).not.toContain(routingKey);
    const revoked = await opsdeck(['integrations', 'key', 'revoke', 'other', String(keys.body.items[0].id)], env);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining('revoked') });
    const after = await send({ routing_key: routingKey, event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'info' } });
    expect(after).toMatchObject({ status: 404, body: { status: 'invalid event', message: 'Routing key not found', errors: [expect.stringContaining('no integration has this routing_key')] } });
    expect((await api('POST', '/integrations/nope/keys')).body.error).toBe('no integration "nope"; integrations: checkout, other, slow');
  }, 30_000);

  it('answers 429 past the rate limit, with Retry-After', async () => {
    const event = (n: number) => ({ routing_key: SLOW_KEY, event_action: 'trigger', dedup_key: `r${n}`, payload: { summary: `s${n}`, source: 'x', severity: 'info' } });
    expect((await send(event(1))).status).toBe(202);
    expect((await send(event(2))).status).toBe(202);
    const third = await send(event(3));
    expect(third).toMatchObject({ status: 429, body: { status: 'throttle event', errors: ['more than 2 events a minute for this routing key (the integration\'s rate_limit); retry in 30 s'] } });
    expect(third.headers.get('retry-after')).toBe('30');
    expect(await app.store.inboundEvents.count({ integration: 'slow' })).toBe(2);
  });
});
