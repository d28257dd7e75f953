/**
 * One contender of the delivery-throughput race, in a process of its own so its
 * CPU and memory are its own.
 *
 * - `--mode=bare`: N POSTs of one webhook body through postJson (the client the
 *   webhook channel sends with) at the given concurrency, and nothing else.
 * - `--mode=outbox`: N rows enqueued in the store as the escalation service
 *   would (untimed), then the real delivery worker with the real webhook
 *   notifier until every row is recorded as sent.
 *
 * "prepare" does the untimed set-up; "run" is the timed part and answers with
 * the elapsed time and the process figures over it.
 */
import { hostname } from 'node:os';
import { SEND_TIMEOUT_MS, createDeliveryWorker, findChannelType, type NotificationMessage, type Notifier } from '../src/notify/index.ts';
import { postJson } from '../src/notify/channels/json-post.ts';
import { webhookBody } from '../src/notify/channels/webhook/webhook-body.ts';
import { messageRenderer } from '../src/notify/templates/index.ts';
import { openStore, type NewNotification, type Store } from '../src/store/index.ts';
import { systemClock } from '../src/time/index.ts';
import { sleep } from './bench-stats.ts';
import { arg, emit, serveParent } from './parent-link.ts';
import { createProcessMeter, type ProcessWindow } from './process-meter.ts';

export interface DeliveryRunReport {
  elapsedMs: number;
  sent: number;
  failed: number;
  /** Outbox only: rows still pending (or dead) when the run ended; 0 when it finished. */
  unfinished: number;
  process: ProcessWindow;
}

const mode = arg('mode');
const hookUrl = new URL(arg('url'));
const count = Number(arg('count'));
const concurrency = Number(arg('concurrency'));
/** Every wait here ends: a run that has not finished by then reports what it did. */
const limitMs = Number(arg('limit-ms'));
const meter = createProcessMeter();

/** The contact id the config loader gives a user's webhook (`user:<id>/webhook`). */
const CHANNEL = 'user:oncall/webhook';
const INCIDENT_EVERY = 10;

function message(incidentId: number, openedAt: number): NotificationMessage {
  return {
    kind: 'incident.triggered',
    organization: 'Opsdeck benchmark',
    consoleUrl: 'http://127.0.0.1:8080',
    incident: {
      id: incidentId,
      title: `svc-${incidentId} is down`,
      service: `svc-${incidentId}`,
      severity: 'P1',
      status: 'triggered',
      openedAt,
      url: `http://127.0.0.1:8080/incidents/${incidentId}`,
      runbook: null,
    },
    level: 0,
    round: 0,
    recipient: { id: 'oncall', name: 'On Call' },
    text: null,
    deadLetter: null,
  };
}

function bare() {
  // The body the webhook channel would send for a typical row, rendered once: rendering is opsdeck's work.
  const body = webhookBody(message(1, Date.now()), 'inc:1:s0:r0:l0:oncall:user:oncall/webhook', messageRenderer(undefined));
  return {
    prepare: () => ({ bodyBytes: Buffer.byteLength(body) }),
    async run(): Promise<Omit<DeliveryRunReport, 'process' | 'elapsedMs' | 'unfinished'>> {
      const deadline = performance.now() + limitMs;
      const signal = new AbortController().signal;
      let next = 0;
      let sent = 0;
      let failed = 0;
      const lane = async (): Promise<void> => {
        while (next < count && performance.now() < deadline) {
          const key = `bare:${next++}`;
          const answer = await postJson(hookUrl, { 'idempotency-key': key }, body, { idempotencyKey: key, signal }, SEND_TIMEOUT_MS);
          if ('status' in answer && answer.status === 200) sent++;
          else failed++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      return { sent, failed };
    },
    close: async () => {},
  };
}

async function outbox() {
  const databaseUrl = arg('database-url');
  const store: Store = await openStore({ dataDir: arg('data-dir'), databaseUrl, ...(databaseUrl ? { schema: arg('schema') } : {}) });
  const webhook = findChannelType('webhook')!;
  const notifier: Notifier = webhook.create(webhook.schema.parse({ url: hookUrl.href }), { smtp: null, env: {}, timeoutMs: SEND_TIMEOUT_MS });
  let errors = 0;
  const worker = createDeliveryWorker({
    store,
    clock: systemClock,
    notifierFor: (channel) => (channel === CHANNEL ? notifier : undefined),
    retry: () => ({ initialMs: 10_000, maxDelayMs: 300_000, maxAgeMs: 3_600_000 }),
    fallbackChannel: () => null,
    owner: `${hostname()}:${process.pid}:bench`,
    concurrency,
    onError: (error) => {
      errors++;
      if (errors <= 5) console.error('delivery error', error);
    },
  });
  return {
    async prepare() {
      // Escalation pages several people per incident: one incident per ten rows, so each sent row
      // also writes its line on a real incident's timeline, as in the app.
      const started = performance.now();
      const now = Date.now();
      const rows: NewNotification[] = [];
      for (let i = 0; i < count; i += INCIDENT_EVERY) {
        const { incident } = await store.incidents.openOrAppend(
          {
            key: `bench/svc-${i}`, title: `svc-${i} is down`, service: null, severity: 'P1', status: 'triggered', openedAt: now,
            acknowledgedAt: null, resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null,
          },
          { at: now, kind: 'opened', actor: 'alert:bench', message: 'opened by the benchmark', data: null },
        );
        for (let j = i; j < Math.min(count, i + INCIDENT_EVERY); j++) {
          rows.push({
            key: `inc:${incident.id}:s${now}:r0:l0:u${j}:${CHANNEL}`, incidentId: incident.id, channel: CHANNEL, recipient: 'oncall',
            message: message(incident.id, now), createdAt: now, notBefore: now,
          });
        }
      }
      const incidentsMs = performance.now() - started;
      const enqueueStarted = performance.now();
      for (let i = 0; i < rows.length; i += 500) await store.notifications.enqueue(rows.slice(i, i + 500));
      const enqueueMs = performance.now() - enqueueStarted;
      const pending = (await store.notifications.counts()).pending;
      if (pending !== count) throw new Error(`expected ${count} pending rows after enqueueing, found ${pending}`);
      return { incidentsMs, enqueueMs, enqueuedPerSec: count / (enqueueMs / 1000) };
    },
    async run() {
      const deadline = performance.now() + limitMs;
      worker.start();
      // The worker's counters are in memory: watching them costs the store nothing.
      for (;;) {
        const s = worker.stats();
        if (s.sent + s.dead + s.retried >= count || performance.now() > deadline) break;
        await sleep(2);
      }
      const s = worker.stats();
      return { sent: s.sent, failed: s.retried + s.dead + s.errors };
    },
    async close() {
      await worker.stop();
      const counts = await store.notifications.counts();
      await store.close();
      return counts;
    },
  };
}

const contender = mode === 'bare' ? bare() : mode === 'outbox' ? await outbox() : null;
if (!contender) throw new Error(`--mode: expected bare or outbox, found "${mode}"`);

serveParent({
  prepare: () => contender.prepare(),
  async run(): Promise<DeliveryRunReport> {
    meter.reset();
    const started = performance.now();
    const done = await contender.run();
    const elapsedMs = performance.now() - started;
    const proc = meter.snapshot();
    const after = await contender.close();
    const unfinished = after ? after.pending + after.dead : 0;
    return { ...done, elapsedMs, unfinished, process: proc };
  },
  stop() {
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});

emit('ready', { pid: process.pid });
