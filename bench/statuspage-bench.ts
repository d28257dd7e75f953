import { join } from 'node:path';
import { logTail, type BenchContext } from './bench-context.ts';
import { medianOf } from './bench-stats.ts';
import { ChildLink } from './child-link.ts';
import { fmt, textTable } from './text-table.ts';

export interface LoadFigures { rps: number; latencyP50Ms: number; latencyP99Ms: number; bytesPerSec: number; non2xx: number; errors: number }

export interface StatusPageResults {
  bytes: number;
  connections: number;
  durationS: number;
  runs: { rep: number; page: LoadFigures; static: LoadFigures }[];
}

async function load(ctx: BenchContext, name: string, url: string, durationS: number, connections: number): Promise<LoadFigures> {
  const log = join(ctx.tmp, `statuspage-load-${name}.log`);
  const child = ChildLink.spawn(`autocannon ${name}`, './statuspage-load.ts', [`--url=${url}`, `--duration-s=${durationS}`, `--connections=${connections}`], log);
  try {
    return await child.waitFor<LoadFigures>('done', durationS * 1000 + 30_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${logTail(log)}`);
  } finally {
    child.process.kill();
  }
}

/**
 * Status-page throughput: the rendered page of 20 components against a bare Fastify server in the
 * same process answering a Buffer of the same length, each loaded by autocannon from its own
 * process; the two alternate within each rep so drift hits both. Goal: at least half the static rate.
 */
export async function runStatusPage(ctx: BenchContext): Promise<StatusPageResults> {
  const { statuspageDurationMs, statuspageConnections: connections, reps } = ctx.opts;
  const durationS = Math.max(1, Math.round(statuspageDurationMs / 1000));
  const log = join(ctx.tmp, 'statuspage-server.log');
  const server = ChildLink.spawn('statuspage server', './statuspage-server.ts', [`--dir=${join(ctx.tmp, 'statuspage')}`, `--target=${ctx.targetBase}`], log);
  try {
    const ready = await server.waitFor<{ page: string; static: string; bytes: number; status: number }>('ready', 60_000)
      .catch((error: Error) => { throw new Error(`${error.message}\n${logTail(log)}`); });
    if (ready.status !== 200) throw new Error(`the status page answered ${ready.status}`);
    const results: StatusPageResults = { bytes: ready.bytes, connections, durationS, runs: [] };
    for (let rep = 0; rep < reps; rep++) {
      ctx.progress(`statuspage #${rep + 1}: ${ready.bytes} bytes, ${connections} connections, ${durationS} s each`);
      const first = rep % 2 === 0 ? 'page' : 'static';
      const a = await load(ctx, first, first === 'page' ? ready.page : ready.static, durationS, connections);
      const second = first === 'page' ? 'static' : 'page';
      const b = await load(ctx, second, second === 'page' ? ready.page : ready.static, durationS, connections);
      results.runs.push(first === 'page' ? { rep, page: a, static: b } : { rep, page: b, static: a });
    }
    return results;
  } finally {
    await server.request('stop', undefined, 30_000).catch(() => server.process.kill());
  }
}

export function renderStatusPage(r: StatusPageResults): string[] {
  const med = (pick: (run: StatusPageResults['runs'][number]) => number) => medianOf(r.runs, pick);
  const share = med((run) => run.page.rps) / med((run) => run.static.rps);
  const row = (label: string, pick: (f: LoadFigures) => number, d: number) => [label, fmt(med((run) => pick(run.page)), d), fmt(med((run) => pick(run.static)), d)];
  return [
    `Status page throughput (${r.runs.length > 1 ? `median of ${r.runs.length} runs` : 'one run'}; ${fmt(r.bytes)} bytes, autocannon, ${r.connections} connections, ${r.durationS} s each, over loopback)`,
    textTable([
      ['', 'status page', 'static, same size'],
      row('requests per second', (f) => f.rps, 0),
      ['  share of the static rate (goal >= 50%)', `${fmt(share * 100, 0)}% ${share >= 0.5 ? 'ok' : 'MISSED'}`, ''],
      row('latency p50, ms', (f) => f.latencyP50Ms, 1),
      row('latency p99, ms', (f) => f.latencyP99Ms, 1),
      row('answers not 2xx, errors', (f) => f.non2xx + f.errors, 0),
    ]),
    '  both servers in one process (Opsdeck and a bare Fastify answering a Buffer), loaded in turn from a separate process.',
    '',
  ];
}
