import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logTail, type BenchContext } from './bench-context.ts';
import { ChildLink } from './child-link.ts';
import type { DeliveryRunReport } from './delivery-child.ts';
import type { ProcessWindow } from './process-meter.ts';

export type DeliveryContender = 'bare' | 'sqlite' | 'postgres';

/** One timed drain of N notifications by one contender. */
export interface DeliveryRun {
  contender: DeliveryContender;
  rep: number;
  count: number;
  concurrency: number;
  perSec: number;
  elapsedMs: number;
  sent: number;
  failed: number;
  unfinished: number;
  cpuUsPerDelivery: number;
  /** Outbox only: the untimed set-up. */
  enqueuedPerSec: number | null;
  process: ProcessWindow;
  receiver: { posts: number; keys: number; process: ProcessWindow };
}

export interface ReceiverReport {
  posts: number;
  gets: number;
  keys: number;
  bodyBytes: number;
  process: ProcessWindow;
}

export const POSTGRES_FALLBACK_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** DATABASE_URL, else the local test server, if it answers; null otherwise (the PostgreSQL column is skipped). */
export async function reachablePostgres(): Promise<string | null> {
  const url = process.env['DATABASE_URL'] || POSTGRES_FALLBACK_URL;
  if (!/^postgres(ql)?:\/\//i.test(url)) return null;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export interface ThroughputPlan {
  receiver: ChildLink;
  receiverUrl: string;
  postgresUrl: string | null;
}

export async function runDelivery(ctx: BenchContext, plan: ThroughputPlan, contender: DeliveryContender, rep: number): Promise<DeliveryRun> {
  const { pagingNotifications: count, pagingConcurrency: concurrency } = ctx.opts;
  const name = `delivery-${contender}-${rep}`;
  const dataDir = join(ctx.tmp, `${name}-data`);
  mkdirSync(dataDir, { recursive: true });
  const schema = `opsdeck_bench_${randomBytes(5).toString('hex')}`;
  const databaseUrl = contender === 'postgres' ? plan.postgresUrl! : '';
  const logFile = join(ctx.tmp, `${name}.log`);
  // A drain slower than 20 deliveries/s is a failure to report, not something to wait out.
  const limitMs = Math.max(30_000, (count / 20) * 1000);
  const link = ChildLink.spawn(`delivery (${contender})`, './delivery-child.ts', [
    `--mode=${contender === 'bare' ? 'bare' : 'outbox'}`, `--url=${plan.receiverUrl}/hook`, `--count=${count}`, `--concurrency=${concurrency}`,
    `--limit-ms=${limitMs}`, `--data-dir=${dataDir}`, `--database-url=${databaseUrl}`, `--schema=${schema}`,
  ], logFile);
  try {
    await link.waitFor('ready', 60_000);
    const prepared = await link.request<{ enqueuedPerSec?: number }>('prepare', undefined, 300_000);
    ctx.progress(`paging: ${contender === 'bare' ? 'bare postJson' : `outbox on ${contender}`} #${rep + 1}: ${count} deliveries at concurrency ${concurrency}` +
      (prepared.enqueuedPerSec ? ` (enqueued at ${Math.round(prepared.enqueuedPerSec)}/s)` : ''));
    await plan.receiver.request('reset');
    const own = await link.request<DeliveryRunReport>('run', undefined, limitMs + 120_000);
    const receiver = await plan.receiver.request<ReceiverReport>('report');
    const cpuMs = own.process.cpuUserMs + own.process.cpuSystemMs;
    if (own.sent !== count) throw new Error(`${contender}: ${own.sent} of ${count} sent (${own.failed} failed, ${own.unfinished} unfinished) within ${limitMs / 1000}s`);
    return {
      contender, rep, count, concurrency,
      perSec: own.sent / (own.elapsedMs / 1000),
      elapsedMs: own.elapsedMs, sent: own.sent, failed: own.failed, unfinished: own.unfinished,
      cpuUsPerDelivery: (cpuMs * 1000) / Math.max(1, own.sent),
      enqueuedPerSec: prepared.enqueuedPerSec ?? null,
      process: own.process,
      receiver: { posts: receiver.posts, keys: receiver.keys, process: receiver.process },
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    await link.stop(10_000);
    if (contender === 'postgres') await dropSchema(plan.postgresUrl!, schema).catch((e) => ctx.progress(`paging: could not drop schema ${schema}: ${(e as Error).message}`));
  }
}
