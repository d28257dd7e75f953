import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config, IntegrationDef } from '../../config/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import { FakeClock } from '../../time/index.ts';
import { AlertIntake } from '../alert-intake.ts';
import { hashRoutingKey } from '../integration-keys.ts';
import { EventsReceiver } from './events-receiver.ts';

const integration = (over: Partial<IntegrationDef>): IntegrationDef => ({
  id: 'checkout', type: 'events_v2', service: 'payments', keyEnv: null, severityMap: { critical: 'P1', warning: 'P3' }, severityLabel: 'severity',
  defaultSeverity: 'P3', routes: [], rateLimitPerMinute: 1000, escalation: null, ...over,
});
const trigger = (key: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  routing_key: key, event_action: 'trigger', dedup_key: 'd1', payload: { summary: 's', source: 'host-1', severity: 'critical', component: 'db', ...extra },
});

// The key lookup, the rate limit, the placement and the one-transaction write, against a real
// SQLite store; the pipeline is not run here (the transitions it would take are read from the
// queue; the end-to-end tests run it).
describe('EventsReceiver', () => {
  let store: Store;
  let clock: FakeClock;
  let config: Config;
  let queued: number;
  const fired = async () => (await store.externalAlerts.list({ limit: 50, offset: 0 })).items;
  let receiver: EventsReceiver;
  const env = { CHECKOUT_KEY: 'env-key-checkout', AM_KEY: 'env-key-am' };

  beforeEach(async () => {
    store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), 'events-receiver-')) });
    clock = new FakeClock('2026-03-02T09:00:00Z');
    queued = 0;
    config = { integrations: [
      integration({ keyEnv: 'CHECKOUT_KEY' }),
      integration({ id: 'am', type: 'alertmanager', keyEnv: 'AM_KEY' }),
      integration({ id: 'routed', service: null, rateLimitPerMinute: 2, routes: [{ matchers: [{ label: 'component', op: '=', value: 'db' }], service: 'db', severity: 'P1' }] }),
    ] } as unknown as Config;
    receiver = new EventsReceiver({
      store, clock, config: () => config, env, logger: { error: () => {} },
      intake: new AlertIntake({
        store, clock, config: () => config, incidents: {} as never, process: async () => { throw new Error('the pipeline runs from the queue, not here'); }, queued: () => void queued++,
      }),
    });
  });
  afterEach(async () => store.close());

  it('finds an integration by its routing_key_env key, and after a reload by the new one only', async () => {
    expect((await receiver.enqueue(trigger('env-key-checkout'))).status).toBe(202);
    expect((await fired())[0]).toMatchObject({ key: 'events-v2:checkout/d1', service: 'payments', severity: 'P1', labels: { component: 'db', source: 'host-1' } });
    config = { integrations: [integration({ keyEnv: 'AM_KEY' })] } as unknown as Config;
    expect((await receiver.enqueue(trigger('env-key-checkout'))).status).toBe(404);
    expect((await receiver.enqueue(trigger('env-key-am'))).status).toBe(202);
  });

  it('finds a stored key by its hash, and not once it is revoked', async () => {
    const key = await store.integrationKeys.create({ integration: 'routed', hash: hashRoutingKey('stored-key'), createdAt: clock.now(), createdBy: 'test' });
    expect((await receiver.enqueue(trigger('stored-key'))).status).toBe(202);
    await store.integrationKeys.revoke(key.id, clock.now());
    expect(await receiver.enqueue(trigger('stored-key'))).toMatchObject({ status: 404, body: { message: 'Routing key not found' } });
  });

  it('refuses an Alertmanager integration\'s key and an unknown one with 404 and the reason', async () => {
    expect(await receiver.enqueue(trigger('env-key-am'))).toMatchObject({
      status: 404, body: { errors: ['this routing_key belongs to integration "am", an alertmanager integration; Events API v2 needs an events_v2 integration'] },
    });
    expect(await receiver.enqueue(trigger('nobody'))).toMatchObject({ status: 404, body: { errors: [expect.stringContaining('opsdeck integrations key create')] } });
    expect(await store.inboundEvents.count()).toBe(0);
  });

  it('routes by labels, and refuses what no route places when there is no service', async () => {
    await store.integrationKeys.create({ integration: 'routed', hash: hashRoutingKey('routed-key'), createdAt: clock.now(), createdBy: 'test' });
    expect((await receiver.enqueue(trigger('routed-key', { severity: 'warning' }))).status).toBe(202);
    expect((await fired())[0]).toMatchObject({ service: 'db', severity: 'P1', integration: 'routed' });
    expect(await receiver.enqueue(trigger('routed-key', { component: 'web' }))).toMatchObject({
      status: 400, body: { errors: ['no route of integration "routed" matches this event (component, group, class, source) and the integration has no service; add a route or a service in its config'] },
    });
  });

  it('limits each key on the injected clock: 429 with Retry-After, then a token after the refill', async () => {
    await store.integrationKeys.create({ integration: 'routed', hash: hashRoutingKey('routed-key'), createdAt: clock.now(), createdBy: 'test' });
    expect((await receiver.enqueue(trigger('routed-key'))).status).toBe(202);
    expect((await receiver.enqueue(trigger('routed-key'))).status).toBe(202);
    expect(await receiver.enqueue(trigger('routed-key'))).toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    clock.advance(30_000);
    expect((await receiver.enqueue(trigger('routed-key'))).status).toBe(202);
    expect(await store.inboundEvents.count({ integration: 'routed' })).toBe(3);
  });

  it('logs the body as received, and the change event to the integration\'s service', async () => {
    const body = `  ${trigger('env-key-checkout')}\n`;
    await receiver.enqueue(body);
    const change = await receiver.change(JSON.stringify({ routing_key: 'env-key-checkout', payload: { summary: 'deploy 42' } }));
    expect(change).toEqual({ status: 202, body: { status: 'success', message: 'Change event processed' } });
    const logged = await store.inboundEvents.list({ limit: 10, offset: 0 });
    expect(logged.items.map((e) => [e.source, e.action, e.alertKey, e.receivedAt])).toEqual([
      ['events-v2-change', 'change', null, clock.now()], ['events-v2', 'trigger', 'events-v2:checkout/d1', clock.now()],
    ]);
    expect(logged.items[1]!.body).toBe(body);
    expect((await store.changes.list({ limit: 5, offset: 0 })).items[0]).toMatchObject({ service: 'payments', origin: 'checkout', summary: 'deploy 42', at: clock.now() });
  });

  it('commits concurrent requests in one transaction, each answered after it, with a queued transition per change', async () => {
    const body = (action: string, dedup: string) => JSON.stringify({ routing_key: 'env-key-checkout', event_action: action, dedup_key: dedup, payload: { summary: `s ${dedup}`, source: 'h', severity: 'critical' } });
    // Arrival order per key: d1 fires, is acknowledged, resolves, fires again; d2 fires twice; d3 is unknown.
    const sent = [
      body('trigger', 'd1'), body('trigger', 'd2'), body('acknowledge', 'd1'), body('trigger', 'd2'), body('resolve', 'd1'),
      body('trigger', 'd1'), body('resolve', 'd3'), body('acknowledge', 'd3'),
    ];
    const replies = await Promise.all(sent.map((b) => receiver.enqueue(b)));
    expect(replies.map((r) => r.status)).toEqual(sent.map(() => 202));
    expect(receiver.log.stats()).toEqual({ batches: 1, items: 8 });
    expect(queued).toBe(1);
    expect((await store.externalAlerts.queuedTransitions(20)).map((t) => [t.key.split('/')[1], t.transition, t.actor])).toEqual([
      ['d1', 'firing', null], ['d2', 'firing', null], ['d1', 'acknowledged', 'events-v2:checkout'], ['d1', 'resolved', null], ['d1', 'firing', null],
    ]);
    expect((await fired()).map((a) => [a.key.split('/')[1], a.status, a.events]).sort()).toEqual([['d1', 'firing', 1], ['d2', 'firing', 2]]);
    expect(await store.inboundEvents.count({ integration: 'checkout' })).toBe(8);
  });

  it('wakes the transition worker only when an event queued a transition', async () => {
    expect((await receiver.enqueue(trigger('env-key-checkout'))).status).toBe(202);
    expect(queued).toBe(1);
    // A repeat trigger of a firing alert updates it and pages nobody: nothing for the worker.
    expect((await receiver.enqueue(trigger('env-key-checkout'))).status).toBe(202);
    expect(queued).toBe(1);
  });

  it('answers 500 for every request of a batch that could not be written, and keeps none of it', async () => {
    const broken = new EventsReceiver({
      store, clock, config: () => config, env, logger: { error: () => {} },
      intake: { accept: async () => { throw new Error('disk full'); } },
    });
    const replies = await Promise.all([broken.enqueue(trigger('env-key-checkout')), broken.enqueue(trigger('env-key-checkout'))]);
    expect(replies.map((r) => r.status)).toEqual([500, 500]);
    expect(await store.inboundEvents.count()).toBe(0);
  });
});
