import { join } from 'node:path';
import type { BenchContext } from './bench-context.ts';
import { ChildLink } from './child-link.ts';
import { runPagingLatency, type PagingLatencyRun } from './paging-latency.ts';
import { reachablePostgres, runDelivery, type DeliveryContender, type DeliveryRun } from './paging-throughput.ts';

export interface PagingResults {
  /** Every contender's runs, reps interleaved (bare, sqlite, postgres, bare, ...) so drift hits all alike. */
  delivery: DeliveryRun[];
  latency: PagingLatencyRun[];
  /** Why PostgreSQL was left out, when it was. */
  postgres: string;
  receiverUrl: string;
}

/**
 * The paging part: notifications delivered per second (the outbox and its worker on SQLite and
 * PostgreSQL, against bare postJson calls), then alert-fired-to-delivered latency in the real app.
 * One receiver process serves every run. A failed run is reported and the others go on.
 */
export async function runPaging(ctx: BenchContext, fail: (what: string, error: unknown) => void): Promise<PagingResults> {
  const receiver = ChildLink.spawn('webhook receiver', './webhook-receiver.ts', [], join(ctx.tmp, 'receiver.log'));
  try {
    const { port } = await receiver.waitFor<{ port: number }>('ready', 30_000);
    const receiverUrl = `http://127.0.0.1:${port}`;
    const postgresUrl = await reachablePostgres();
    const postgres = postgresUrl ? `on ${postgresUrl.replace(/\/\/[^@/]*@/, '//***@')}, a fresh schema each run` : 'not reachable (DATABASE_URL or postgres://postgres@127.0.0.1:5432/test); skipped';
    ctx.progress(`paging: receiver at ${receiverUrl}; PostgreSQL ${postgres}`);
    const contenders: DeliveryContender[] = postgresUrl ? ['bare', 'sqlite', 'postgres'] : ['bare', 'sqlite'];
    const results: PagingResults = { delivery: [], latency: [], postgres, receiverUrl };
    for (let rep = 0; rep < ctx.opts.reps; rep++) {
      for (const contender of contenders) {
        try {
          results.delivery.push(await runDelivery(ctx, { receiver, receiverUrl, postgresUrl }, contender, rep));
        } catch (error) {
          fail(`paging delivery (${contender}) #${rep + 1}`, error);
        }
      }
    }
    for (let rep = 0; rep < ctx.opts.reps; rep++) {
      try {
        results.latency.push(await runPagingLatency(ctx, receiver, receiverUrl, rep));
      } catch (error) {
        fail(`paging latency #${rep + 1}`, error);
      }
    }
    return results;
  } finally {
    await receiver.stop(10_000);
  }
}
