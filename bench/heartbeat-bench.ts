import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logErrors, logTail, type BenchContext } from './bench-context.ts';
import { medianOf } from './bench-stats.ts';
import { ChildLink } from './child-link.ts';
import type { PingLoad } from './heartbeat-load.ts';
import { reachablePostgres } from './paging-throughput.ts';
import type { ProcessWindow } from './process-meter.ts';
import { fmt, textTable } from './text-table.ts';

export type HeartbeatContender = 'sqlite' | 'postgres';

export interface HeartbeatRun {
  contender: HeartbeatContender;
  rep: number;
  sustained: PingLoad;
  burst: PingLoad;
  cpuPct: { sustained: number; burst: number };
  /** Rows in heartbeat_pings afterwards, against every ping answered 200 (warm-up included). */
  stored: { pings: number; expected: number };
  logErrors: number;
}

export interface HeartbeatResults {
  runs: HeartbeatRun[];
  heartbeats: number;
  sockets: number;
  bodyBytes: number;
  postgres: string;
  /** What was offered: the report says it beside what was achieved. */
  offered: { heartbeatRate: number; heartbeatDurationMs: number; heartbeatBurstRate: number; heartbeatBurstDurationMs: number; reps: number };
}

const WARMUP = { rate: 500, durationMs: 2_000 };
const SOCKETS = 512;
const BODY_BYTES = 100;

/**
 * Heartbeat ping ingest (acceptance 8): an open-loop load at --heartbeat-rate for
 * --heartbeat-duration, then a burst at --heartbeat-burst-rate for --heartbeat-burst-duration,
 * against opsdeck on SQLite and on PostgreSQL. The load runs in a process of its own; afterwards
 * the rows in the store are counted against the pings answered 200.
 */
export async function runHeartbeats(ctx: BenchContext, fail: (what: string, error: unknown) => void): Promise<HeartbeatResults> {
  const postgresUrl = await reachablePostgres();
  const results: HeartbeatResults = {
    runs: [], heartbeats: ctx.opts.heartbeatCount, sockets: SOCKETS, bodyBytes: BODY_BYTES,
    offered: { heartbeatRate: ctx.opts.heartbeatRate, heartbeatDurationMs: ctx.opts.heartbeatDurationMs, heartbeatBurstRate: ctx.opts.heartbeatBurstRate, heartbeatBurstDurationMs: ctx.opts.heartbeatBurstDurationMs, reps: ctx.opts.reps },
    postgres: postgresUrl ? 'a fresh schema each run' : 'not reachable (DATABASE_URL or postgres://postgres@127.0.0.1:5432/test); skipped',
  };
  const contenders: HeartbeatContender[] = ['sqlite', ...(postgresUrl ? ['postgres' as const] : [])];
  for (let rep = 0; rep < ctx.opts.reps; rep++) {
    for (const contender of contenders) {
      try {
        results.runs.push(await runOne(ctx, contender, rep, postgresUrl));
      } catch (error) {
        fail(`heartbeats (${contender}) #${rep + 1}`, error);
      }
    }
  }
  return results;
}

async function runOne(ctx: BenchContext, contender: HeartbeatContender, rep: number, postgresUrl: string | null): Promise<HeartbeatRun> {
  const o = ctx.opts;
  const dir = join(ctx.tmp, `heartbeats-${contender}-${rep}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  const beats = Array.from({ length: o.heartbeatCount }, (_, i) => `  job-${i}: { period: 1h, grace: 1h, service: jobs }`);
  writeFileSync(join(dir, 'opsdeck.yaml'), ['organization: Heartbeat bench', `server: { data_dir: ${JSON.stringify(join(dir, 'data'))} }`, 'severities:', '  P3: { name: Medium }', 'services:', '  jobs: { name: Jobs }', 'heartbeats:', ...beats, ''].join('\n'));
  const schema = `opsdeck_bench_heartbeats_${process.pid}_${rep}`;
  const args = [`--config=${dir}`, ...(contender === 'postgres' ? [`--database-url=${postgresUrl}`, `--schema=${schema}`] : [])];
  const logFile = join(ctx.tmp, `heartbeats-${contender}-${rep}.log`);
  const link = ChildLink.spawn(`opsdeck heartbeats (${contender})`, './heartbeat-child.ts', args, logFile);
  try {
    const { pingUrls } = await link.waitFor<{ url: string; pingUrls: string[] }>('listening', 120_000);
    const urlsFile = join(dir, 'ping-urls.json');
    writeFileSync(urlsFile, JSON.stringify(pingUrls));
    const load = async (name: string, rate: number, durationMs: number): Promise<{ load: PingLoad; cpuPct: number }> => {
      ctx.progress(`heartbeats: ${contender} #${rep + 1}: ${name}, ${fmt(rate)} pings/s offered for ${durationMs / 1000} s`);
      await link.request('reset');
      const log = join(ctx.tmp, `heartbeats-load-${contender}-${rep}-${name}.log`);
      const child = ChildLink.spawn(`ping load ${name}`, './heartbeat-load.ts', [`--urls-file=${urlsFile}`, `--rate=${rate}`, `--duration-ms=${durationMs}`, `--sockets=${SOCKETS}`, `--body-bytes=${BODY_BYTES}`], log);
      try {
        const result = await child.waitFor<PingLoad>('done', durationMs * 10 + 120_000);
        const w = await link.request<ProcessWindow>('report');
        return { load: result, cpuPct: ((w.cpuUserMs + w.cpuSystemMs) / w.wallMs) * 100 };
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${logTail(log)}`);
      } finally {
        child.process.kill();
      }
    };
    const warm = await load('warm-up', WARMUP.rate, WARMUP.durationMs);
    const sustained = await load('sustained', o.heartbeatRate, o.heartbeatDurationMs);
    const burst = await load('burst', o.heartbeatBurstRate, o.heartbeatBurstDurationMs);
    const counts = await link.request<{ pings: number }>('counts');
    await link.stop(60_000);
    return {
      contender, rep, sustained: sustained.load, burst: burst.load, cpuPct: { sustained: sustained.cpuPct, burst: burst.cpuPct },
      stored: { pings: counts.pings, expected: warm.load.ok + sustained.load.ok + burst.load.ok }, logErrors: logErrors(logFile).count,
    };
  } catch (error) {
    link.kill();
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    if (contender === 'postgres' && postgresUrl) await dropSchema(postgresUrl, schema).catch(() => {});
  }
}

const HEADS: Record<HeartbeatContender, string> = { sqlite: 'opsdeck SQLite', postgres: 'opsdeck PostgreSQL' };

/** Goal (issue 4, acceptance 8): 2,000 pings/s sustained, and a 10,000/s burst for 10 s absorbed with no ping lost. */
export function renderHeartbeats(results: HeartbeatResults): string[] {
  const opts = results.offered;
  const contenders = (Object.keys(HEADS) as HeartbeatContender[]).filter((c) => results.runs.some((r) => r.contender === c));
  if (contenders.length === 0) return [];
  const med = (c: HeartbeatContender, pick: (r: HeartbeatRun) => number): number => medianOf(results.runs.filter((r) => r.contender === c), pick);
  const row = (label: string, pick: (r: HeartbeatRun) => number, d: number): string[] => [label, ...contenders.map((c) => fmt(med(c, pick), d))];
  const all = (c: HeartbeatContender, pick: (r: HeartbeatRun) => boolean) => results.runs.filter((r) => r.contender === c).every(pick);
  const kept = (l: PingLoad) => l.ok === l.sent;
  const section = (name: string, key: 'sustained' | 'burst', goalText: string, goal: (r: HeartbeatRun) => boolean): string[][] => [
    row(`${name}: pings answered 200 per second`, (r) => r[key].perSec, 0),
    [`  ${goalText}`, ...contenders.map((c) => (all(c, goal) ? 'ok' : 'MISSED'))],
    row('  latency p50, ms (from when each ping was due)', (r) => r[key].p50Ms, 1),
    row('  latency p99, ms', (r) => r[key].p99Ms, 1),
    row('  latency max, ms', (r) => r[key].maxMs, 1),
    row('  opsdeck CPU, % of one core', (r) => r.cpuPct[key], 0),
    row('  load client CPU, % of one core', (r) => r[key].clientCpuPct, 0),
    row('  answers not 200', (r) => r[key].sent - r[key].ok, 0),
  ];
  const rows = [
    ['', ...contenders.map((c) => HEADS[c])],
    ...section(`${fmt(opts.heartbeatRate)}/s offered for ${opts.heartbeatDurationMs / 1000} s`, 'sustained', `goal: ${fmt(opts.heartbeatRate)}/s sustained, every ping answered`, (r) => kept(r.sustained) && r.sustained.perSec >= opts.heartbeatRate * 0.97),
    ...section(`${fmt(opts.heartbeatBurstRate)}/s burst for ${opts.heartbeatBurstDurationMs / 1000} s`, 'burst', 'goal: the burst absorbed, none lost', (r) => kept(r.burst)),
    ['pings stored / answered 200 (all loads)', ...contenders.map((c) => results.runs.filter((r) => r.contender === c).map((r) => `${fmt(r.stored.pings)} / ${fmt(r.stored.expected)}${r.stored.pings === r.stored.expected ? '' : ' LOST'}`).join('; '))],
  ];
  return [
    `Heartbeat ping ingest (${opts.reps > 1 ? `median of ${opts.reps} runs` : 'one run'}; PostgreSQL ${results.postgres})`,
    textTable(rows),
    `  open-loop client in its own process: each ping sent when due (${results.sockets} keep-alive connections at most), POST ${results.bodyBytes}-byte body, over ${fmt(results.heartbeats)} heartbeats; every 4th ping a start with a rid and the next its end.`,
    '  opsdeck answers 200 only after the ping and its heartbeat\'s state are committed (group commit: concurrent pings share a transaction); the "sustained" goal allows 3% for the ramp and the drain.',
    `  error lines in opsdeck's log: ${results.runs.map((r) => r.logErrors).join(', ')}`,
    '',
  ];
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
