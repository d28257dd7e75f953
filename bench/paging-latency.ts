import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';
import { logErrors, logTail, type BenchContext } from './bench-context.ts';
import { quantile, sleep } from './bench-stats.ts';
import { ChildLink } from './child-link.ts';
import { CONFIGURED_WAIT_MS, writePagingConfig } from './paging-config.ts';
import type { ReceiverReport } from './paging-throughput.ts';

export interface Spread {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** One opsdeck run in which every service's alert fires once and pages once. */
export interface PagingLatencyRun {
  rep: number;
  services: number;
  /** alert firedAt -> the first notification's finishedAt (sent), ms. */
  latency: Spread;
  /** The same less the configured waits (the level's `after`, the user's rule delay): the pipeline's own share. */
  pipeline: Spread;
  /** Where the time goes: firedAt -> outbox row createdAt -> send start -> answer (finishedAt). */
  parts: { toOutbox: Spread; queued: Spread; send: Spread };
  /** Alerts that fired but had no sent notification when the run ended. */
  missing: number;
  receiver: { posts: number; keys: number };
  spawnToListeningS: number;
  logErrors: { count: number; first: string[] };
  samples: number[];
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, p50: quantile(values, 0.5), p99: quantile(values, 0.99), max: values.length ? Math.max(...values) : NaN };
}

/**
 * startOpsdeck in a child process (bench/opsdeck-child.ts) on a config whose services all fail
 * from their first run; waits until the receiver has had one POST per service, stops opsdeck,
 * then reads the alerts and notifications from its SQLite store. Both instants come from the
 * one opsdeck process's clock.
 */
export async function runPagingLatency(ctx: BenchContext, receiver: ChildLink, receiverBase: string, rep: number): Promise<PagingLatencyRun> {
  const services = ctx.opts.pagingServices;
  const intervalMs = 2_000;
  const configDir = join(ctx.tmp, `paging-${rep}-config`);
  const dataDir = join(ctx.tmp, `paging-${rep}-data`);
  mkdirSync(dataDir, { recursive: true });
  const ruleIds = writePagingConfig(configDir, { services, intervalMs, receiverBase, dataDir });
  const logFile = join(ctx.tmp, `paging-${rep}.log`);
  await receiver.request('reset');
  ctx.progress(`paging: latency #${rep + 1}: opsdeck with ${services} failing services, each paging one webhook at once`);
  const link = ChildLink.spawn('opsdeck (paging)', './opsdeck-child.ts', [`--config=${configDir}`], logFile);
  let spawnToListeningS = NaN;
  try {
    await link.waitFor('listening', 120_000);
    spawnToListeningS = (performance.now() - link.spawnedAt) / 1000;
    const deadline = performance.now() + 3 * intervalMs + 60_000;
    while (performance.now() < deadline && (await receiver.request<number>('count')) < services) await sleep(200);
    // The answer reaches the receiver before opsdeck records it as sent.
    await sleep(500);
  } catch (error) {
    link.kill();
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  }
  await link.stop(60_000);
  const got = await receiver.request<ReceiverReport>('report');

  const store = await openStore({ dataDir });
  try {
    const latency: number[] = [];
    const parts = { toOutbox: [] as number[], queued: [] as number[], send: [] as number[] };
    let missing = 0;
    const incidents = new Map((await store.incidents.list({ limit: services * 2, offset: 0 })).items.map((i) => [i.key, i]));
    for (const ruleId of ruleIds) {
      const alert = await store.alerts.get(ruleId);
      const incident = incidents.get(ruleId);
      if (!alert?.firedAt || !incident) {
        missing++;
        continue;
      }
      const { items } = await store.notifications.list({ incidentId: incident.id, status: 'sent', limit: 50, offset: 0 });
      const first = items.filter((n) => n.finishedAt !== null).sort((a, b) => a.finishedAt! - b.finishedAt!)[0];
      if (!first) {
        missing++;
        continue;
      }
      const attempt = (await store.notifications.attempts(first.id)).find((a) => a.outcome === 'sent');
      latency.push(first.finishedAt! - alert.firedAt);
      parts.toOutbox.push(first.createdAt - alert.firedAt);
      if (attempt) {
        parts.queued.push(attempt.at - first.createdAt);
        parts.send.push(attempt.durationMs);
      }
    }
    return {
      rep, services,
      latency: spread(latency),
      pipeline: spread(latency.map((ms) => ms - CONFIGURED_WAIT_MS)),
      parts: { toOutbox: spread(parts.toOutbox), queued: spread(parts.queued), send: spread(parts.send) },
      missing,
      receiver: { posts: got.posts, keys: got.keys },
      spawnToListeningS,
      logErrors: logErrors(logFile),
      samples: latency,
    };
  } finally {
    await store.close();
  }
}
