import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewNotification, NotificationRecord, Store } from '../../store/index.ts';
import { testDialects, useTestStore } from '../../store/store-test-dialects.ts';
import { FakeClock } from '../../time/index.ts';
import type { NotificationMessage, Notifier, SendOutcome } from '../notify-types.ts';
import { createDeliveryWorker } from './index.ts';
import type { DeliveryWorker, DeliveryWorkerOptions, RetryPolicy } from './index.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A loopback receiver that answers each request with the next status of its script (the last repeats). */
interface Receiver {
  url: string;
  requests: { key: string | undefined; body: NotificationMessage; status: number }[];
  /** Holds every answer until release() (a slow receiver). */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

const opened: Receiver[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((receiver) => receiver.close()));
});

async function startReceiver(script: number[]): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  let held: (() => void)[] | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = script[Math.min(requests.length, script.length - 1)] ?? 200;
      const key = req.headers['idempotency-key'];
      requests.push({ key: Array.isArray(key) ? key[0] : key, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as NotificationMessage, status });
      const answer = () => res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    hold: () => void (held = []),
    release: () => {
      const answers = held ?? [];
      held = null;
      for (const answer of answers) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        receiver.release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  opened.push(receiver);
  return receiver;
}

/** A port nothing listens on: a receiver that is down. */
async function deadUrl(): Promise<string> {
  const receiver = await startReceiver([200]);
  await receiver.close();
  opened.splice(opened.indexOf(receiver), 1);
  return receiver.url;
}

/** A small real channel, as the webhook channel will be: POST JSON with the idempotency key; 5xx and network errors are worth a retry, 4xx is not. */
function postNotifier(url: string): Notifier {
  return {
    async send(message, ctx): Promise<SendOutcome> {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
          body: JSON.stringify(message),
          signal: ctx.signal,
        });
        await response.arrayBuffer();
        if (response.ok) return { ok: true, detail: `HTTP ${response.status}` };
        return { ok: false, retryable: response.status >= 500 || response.status === 429, reason: `HTTP ${response.status}` };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return { ok: false, retryable: true, reason: cause ?? String(error) };
      }
    },
  };
}

const message: NotificationMessage = {
  kind: 'incident.triggered',
  organization: 'Acme',
  consoleUrl: 'http://127.0.0.1:8080',
  incident: { id: 1, title: 'Web down', service: 'web', severity: 'sev1', status: 'triggered', openedAt: T0, url: 'http://127.0.0.1:8080/incidents/1', runbook: null },
  level: 0,
  round: 0,
  recipient: { id: 'ana', name: 'Ana' },
  text: null,
  deadLetter: null,
};

async function openIncident(store: Store): Promise<number> {
  const { incident } = await store.incidents.openOrAppend(
    { key: 'web/down', title: 'Web down', service: 'web', severity: 'sev1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
    { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
  );
  return incident.id;
}

async function enqueueOne(store: Store, overrides: Partial<NewNotification> = {}): Promise<NotificationRecord> {
  const [row] = await store.notifications.enqueue([
    { key: 'inc:1:r0:l0:ana:user:ana/webhook', incidentId: null, channel: 'user:ana/webhook', recipient: 'ana', message, createdAt: T0, notBefore: T0, ...overrides },
  ]);
  if (!row) throw new Error('test: nothing enqueued');
  return row;
}

const policy: RetryPolicy = { initialMs: 10 * SECOND, maxDelayMs: 2 * MINUTE, maxAgeMs: 10 * MINUTE };

describe.each(testDialects)('delivery worker on $name', (dialect) => {
  const t = useTestStore(dialect);
  const workers: DeliveryWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  function worker(clock: FakeClock, channels: Record<string, Notifier>, options: Partial<DeliveryWorkerOptions> = {}) {
    const errors: unknown[] = [];
    const created = createDeliveryWorker({
      store: t.store,
      clock,
      notifierFor: (id) => channels[id],
      retry: () => policy,
      fallbackChannel: () => 'ops-fallback',
      owner: 'test-worker',
      // The top of the jitter range: waits are exactly 10s, 20s, 40s, ...
      random: () => 1,
      onError: (error) => errors.push(error),
      ...options,
    });
    workers.push(created);
    created.start();
    return { worker: created, errors };
  }

  it('retries a receiver that answers 500 three times, then delivers exactly once, logging every attempt', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([500, 500, 500, 200]);
    const { worker: w, errors } = worker(clock, { 'user:ana/webhook': postNotifier(receiver.url) });
    const incidentId = await openIncident(t.store);
    const row = await enqueueOne(t.store, { incidentId });
    w.kick();
    await w.drain();
    expect(receiver.requests).toHaveLength(1);
    for (const wait of [10 * SECOND, 20 * SECOND, 40 * SECOND]) {
      // Not a moment early.
      clock.advance(wait - 1);
      await w.drain();
      const before = receiver.requests.length;
      clock.advance(1);
      await w.drain();
      expect(receiver.requests.length).toBe(before + 1);
    }
    clock.advance(10 * MINUTE);
    await w.drain();

    expect(receiver.requests.map((r) => [r.key, r.status])).toEqual([
      [row.key, 500],
      [row.key, 500],
      [row.key, 500],
      [row.key, 200],
    ]);
    expect(await t.store.notifications.get(row.id)).toMatchObject({ status: 'sent', attempts: 4, finishedAt: T0 + 70 * SECOND });
    expect((await t.store.notifications.attempts(row.id)).map((a) => [a.attempt, a.outcome, a.detail, a.at])).toEqual([
      [1, 'failed', 'HTTP 500', T0],
      [2, 'failed', 'HTTP 500', T0 + 10 * SECOND],
      [3, 'failed', 'HTTP 500', T0 + 30 * SECOND],
      [4, 'sent', 'HTTP 200', T0 + 70 * SECOND],
    ]);
    const log = (await t.store.incidents.timeline(incidentId)).filter((e) => e.kind === 'delivery');
    expect(log.map((e) => e.message)).toEqual([
      'user:ana/webhook: attempt 1 failed (HTTP 500), retry in 10s',
      'user:ana/webhook: attempt 2 failed (HTTP 500), retry in 20s',
      'user:ana/webhook: attempt 3 failed (HTTP 500), retry in 40s',
      'sent to user:ana/webhook on attempt 4',
    ]);
    expect(log[3]?.data).toEqual({ notificationId: row.id, channel: 'user:ana/webhook', attempt: 4, outcome: 'sent' });
    expect(w.stats()).toMatchObject({ inFlight: 0, claimed: 4, sent: 1, retried: 3, dead: 0, errors: 0 });
    expect(errors).toEqual([]);
  });

  it('dead-letters a notification whose receiver stays down past the maximum age, and the fallback receives it', async () => {
    const clock = new FakeClock(T0);
    const fallback = await startReceiver([200]);
    const { worker: w, errors } = worker(clock, { 'user:ana/webhook': postNotifier(await deadUrl()), 'ops-fallback': postNotifier(fallback.url) });
    const incidentId = await openIncident(t.store);
    const row = await enqueueOne(t.store, { incidentId });
    w.kick();
    await w.drain();
    for (let i = 0; i < 20; i++) {
      const current = await t.store.notifications.get(row.id);
      if (current?.status !== 'pending') break;
      clock.set(current.nextAttemptAt);
      await w.drain();
    }

    // Waits 10s, 20s, 40s, 80s, then 2m (capped): attempts at 0, 10s, 30s, 1m10s, 2m30s, 4m30s, 6m30s, 8m30s, 10m30s.
    const { items: dead } = await t.store.notifications.list({ status: 'dead', limit: 10, offset: 0 });
    expect(dead.map((r) => [r.id, r.attempts, r.lastError])).toEqual([[row.id, 9, 'ECONNREFUSED']]);
    const attempts = await t.store.notifications.attempts(row.id);
    expect(attempts.map((a) => a.outcome)).toEqual([...Array(8).fill('failed'), 'failed-final']);

    expect(fallback.requests).toHaveLength(1);
    expect(fallback.requests[0]?.key).toBe(`dead:${row.id}`);
    expect(fallback.requests[0]?.body).toMatchObject({
      kind: 'dead-letter',
      incident: message.incident,
      text: 'Could not deliver incident #1 (Web down) to user:ana/webhook after 9 attempts: ECONNREFUSED',
      deadLetter: { notificationId: row.id, channel: 'user:ana/webhook', attempts: 9, lastError: 'ECONNREFUSED' },
    });
    const { items: sent } = await t.store.notifications.list({ status: 'sent', limit: 10, offset: 0 });
    expect(sent.map((r) => [r.key, r.channel, r.incidentId])).toEqual([[`dead:${row.id}`, 'ops-fallback', null]]);

    const log = (await t.store.incidents.timeline(incidentId)).filter((e) => e.kind === 'delivery');
    expect(log).toHaveLength(9);
    expect(log.at(-1)?.message).toBe(
      'user:ana/webhook: gave up after 9 attempts (past the maximum age of 10m): ECONNREFUSED; dead letter sent to ops-fallback',
    );
    expect(log.at(-1)?.data).toEqual({ notificationId: row.id, channel: 'user:ana/webhook', attempt: 9, outcome: 'failed-final' });
    expect(errors).toEqual([]);
  });

  it('gives up at once on a failure that is not retryable, and never dead-letters a dead letter', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([400]);
    const fallback = await startReceiver([403]);
    const { worker: w } = worker(clock, { 'user:ana/webhook': postNotifier(receiver.url), 'ops-fallback': postNotifier(fallback.url) });
    const incidentId = await openIncident(t.store);
    const row = await enqueueOne(t.store, { incidentId });
    w.kick();
    await w.drain();
    clock.advance(30 * MINUTE);
    await w.drain();

    expect(receiver.requests).toHaveLength(1);
    expect(fallback.requests.map((r) => r.key)).toEqual([`dead:${row.id}`]);
    expect((await t.store.notifications.list({ limit: 10, offset: 0 })).items.map((r) => [r.key, r.status, r.attempts])).toEqual([
      [`dead:${row.id}`, 'dead', 1],
      [row.key, 'dead', 1],
    ]);
    const log = (await t.store.incidents.timeline(incidentId)).filter((e) => e.kind === 'delivery');
    expect(log.map((e) => e.message)).toEqual(['user:ana/webhook: gave up after 1 attempt (not retryable): HTTP 400; dead letter sent to ops-fallback']);
  });

  it('marks a notification for a channel that is no longer configured dead at once, saying why', async () => {
    const clock = new FakeClock(T0);
    const { worker: w } = worker(clock, {}, { fallbackChannel: () => null });
    const row = await enqueueOne(t.store, { channel: 'user:bo/email' });
    w.kick();
    await w.drain();
    expect(await t.store.notifications.get(row.id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'no channel "user:bo/email" in the config (removed or renamed since the notification was queued)',
    });
    // No fallback configured: the dead row is all there is.
    expect((await t.store.notifications.list({ limit: 10, offset: 0 })).total).toBe(1);
  });

  it('sends again, with the same key, a row whose sender died mid-send once its lease expires', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([200]);
    const channel = postNotifier(receiver.url);
    const row = await enqueueOne(t.store);
    // What a process killed mid-send leaves: a lease, a request that reached the receiver, no record.
    const [claimed] = await t.store.notifications.claimDue(T0, 1, 60 * SECOND, 'killed-process');
    await channel.send(claimed?.message ?? message, { idempotencyKey: claimed?.key ?? '', signal: new AbortController().signal });

    const { worker: w } = worker(clock, { 'user:ana/webhook': channel });
    await w.drain();
    clock.advance(59 * SECOND);
    await w.drain();
    expect(receiver.requests).toHaveLength(1);
    clock.advance(1 * SECOND);
    await w.drain();

    expect(receiver.requests.map((r) => r.key)).toEqual([row.key, row.key]);
    expect(await t.store.notifications.get(row.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await t.store.notifications.attempts(row.id)).map((a) => [a.outcome, a.at])).toEqual([['sent', T0 + 60 * SECOND]]);
  });

  it('aborts a send that outlasts the timeout and retries it', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([200]);
    receiver.hold();
    const { worker: w } = worker(clock, { 'user:ana/webhook': postNotifier(receiver.url) }, { sendTimeoutMs: 5 * SECOND, leaseMs: 30 * SECOND });
    const row = await enqueueOne(t.store);
    w.kick();
    await until(() => receiver.requests.length === 1);
    expect(w.stats().inFlight).toBe(1);
    clock.advance(5 * SECOND);
    await w.drain();
    expect(await t.store.notifications.get(row.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'timed out after 5s', nextAttemptAt: T0 + 15 * SECOND });
    receiver.release();
    clock.advance(10 * SECOND);
    await w.drain();
    expect(await t.store.notifications.get(row.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not retry a failing send whose incident was acknowledged while it was in flight', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([503]);
    receiver.hold();
    const { worker: w } = worker(clock, { 'user:ana/webhook': postNotifier(receiver.url) });
    const incidentId = await openIncident(t.store);
    const row = await enqueueOne(t.store, { incidentId });
    w.kick();
    await until(() => receiver.requests.length === 1);
    expect(await t.store.notifications.cancelPending(incidentId, T0 + 1, 'acknowledged by ana')).toBe(1);
    receiver.release();
    await w.drain();
    clock.advance(30 * MINUTE);
    await w.drain();

    expect(receiver.requests).toHaveLength(1);
    expect(await t.store.notifications.get(row.id)).toMatchObject({ status: 'cancelled', attempts: 1 });
    const log = (await t.store.incidents.timeline(incidentId)).filter((e) => e.kind === 'delivery');
    expect(log.map((e) => e.message)).toEqual([
      'user:ana/webhook: attempt 1 failed (HTTP 503); not retried, the notification is cancelled (acknowledged by ana)',
    ]);
  });

  it('stops claiming on stop() but finishes the sends in flight', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([200]);
    receiver.hold();
    const { worker: w } = worker(clock, { 'user:ana/webhook': postNotifier(receiver.url) });
    const first = await enqueueOne(t.store);
    w.kick();
    await until(() => receiver.requests.length === 1);
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    const second = await enqueueOne(t.store, { key: 'second' });
    w.kick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    receiver.release();
    await stopping;
    expect((await t.store.notifications.get(first.id))?.status).toBe('sent');
    expect((await t.store.notifications.get(second.id))?.status).toBe('pending');
    expect(receiver.requests).toHaveLength(1);
  });

  it('wakes itself at the next due time without a kick, and keeps concurrency to its limit', async () => {
    const clock = new FakeClock(T0);
    const receiver = await startReceiver([200]);
    receiver.hold();
    const { worker: w } = worker(clock, { 'user:ana/webhook': postNotifier(receiver.url) }, { concurrency: 2, pollMs: 5 * MINUTE });
    await t.store.notifications.enqueue(
      ['a', 'b', 'c'].map((key) => ({ key, incidentId: null, channel: 'user:ana/webhook', recipient: null, message, createdAt: T0, notBefore: T0 + 30 * SECOND })),
    );
    w.kick();
    await w.drain();
    expect(receiver.requests).toHaveLength(0);
    clock.advance(30 * SECOND);
    await until(() => receiver.requests.length === 2);
    expect(w.stats().inFlight).toBe(2);
    receiver.release();
    await w.drain();
    expect(receiver.requests.map((r) => r.key).sort()).toEqual(['a', 'b', 'c']);
    expect((await t.store.notifications.counts()).sent).toBe(3);
  });
});

/** Real time passes here only for loopback I/O; the worker's own time is the FakeClock. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('test: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
