import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logErrors, logTail, type BenchContext } from './bench-context.ts';
import { sleep } from './bench-stats.ts';
import { ChildLink } from './child-link.ts';
import { amAlert, eventsV2Trigger } from './events-v2-payloads.ts';
import { postLoad, type LoadResult } from './events-v2-load.ts';
import { reachablePostgres } from './paging-throughput.ts';
import type { ProcessWindow } from './process-meter.ts';

export type EventsContender = 'alertmanager' | 'sqlite' | 'postgres';

export interface EventsRun {
  contender: EventsContender;
  rep: number;
  /** Each event a new alert (distinct dedup_key / label set). */
  fresh: LoadResult;
  /** Repeat triggers on a few keys (updates to firing alerts). */
  updates: LoadResult;
  /** The contender's CPU, % of one core, over each load. */
  cpuPct: { fresh: number; updates: number };
  /**
   * Opsdeck: seconds from the first new alert sent until the pipeline had opened the incident of
   * the last (the 202s come before); the updates load starts after that.
   */
  incidentsOpenS: number | null;
  /** Opsdeck: what its store holds afterwards, and how many should be there. */
  stored: { inbound: number; expected: number; alerts: number; openIncidents: number } | null;
  logErrors: number;
}

export interface EventsResults {
  runs: EventsRun[];
  bodyBytes: { eventsV2: number; alertmanager: number };
  concurrency: number;
  count: number;
  updateKeys: number;
  postgres: string;
  alertmanager: string;
}

const ROUTING_KEY = 'bench0events0v2000000000000000001';
const UPDATE_KEYS = 10;
const WARMUP = 300;
const AM_BIN = '/usr/bin/prometheus-alertmanager';

/**
 * Events v2 ingest against Alertmanager 0.25's own `POST /api/v2/alerts`, same client, same
 * concurrency and body size: new alerts, then repeats on a few keys. Contenders run one after
 * another (Alertmanager, opsdeck SQLite, opsdeck PostgreSQL), reps interleaved.
 */
export async function runEvents(ctx: BenchContext, fail: (what: string, error: unknown) => void): Promise<EventsResults> {
  const { eventsCount: count, eventsConcurrency: concurrency, eventsBodyBytes } = ctx.opts;
  const postgresUrl = await reachablePostgres();
  const results: EventsResults = {
    runs: [], concurrency, count, updateKeys: UPDATE_KEYS,
    bodyBytes: { eventsV2: eventsV2Trigger(ROUTING_KEY, 'x', 0, eventsBodyBytes).length, alertmanager: amAlert('x', 0, eventsBodyBytes).length },
    postgres: postgresUrl ? 'a fresh schema each run' : 'not reachable (DATABASE_URL or postgres://postgres@127.0.0.1:5432/test); skipped',
    alertmanager: existsSync(AM_BIN) ? (await amVersion()) : `${AM_BIN} not installed; skipped (apt-get install prometheus-alertmanager)`,
  };
  const contenders: EventsContender[] = [...(existsSync(AM_BIN) ? ['alertmanager' as const] : []), 'sqlite', ...(postgresUrl ? ['postgres' as const] : [])];
  for (let rep = 0; rep < ctx.opts.reps; rep++) {
    for (const contender of contenders) {
      try {
        ctx.progress(`events: ${contender} #${rep + 1}: ${count} new alerts, then ${count} updates on ${UPDATE_KEYS} keys, ${concurrency} in flight`);
        const run = contender === 'alertmanager' ? await runAlertmanager(ctx, rep, eventsBodyBytes) : await runOpsdeck(ctx, contender, rep, postgresUrl, eventsBodyBytes);
        results.runs.push(run);
      } catch (error) {
        fail(`events (${contender}) #${rep + 1}`, error);
      }
    }
  }
  return results;
}

async function measure(count: number, concurrency: number, url: string, body: (i: number) => string, expect: number, cpu: () => Promise<number>): Promise<{ load: LoadResult; cpuPct: number }> {
  await cpu();
  const load = await postLoad(url, body, count, concurrency, expect);
  return { load, cpuPct: await cpu() };
}

async function runOpsdeck(ctx: BenchContext, contender: 'sqlite' | 'postgres', rep: number, postgresUrl: string | null, bytes: number): Promise<EventsRun> {
  const { eventsCount: count, eventsConcurrency: concurrency } = ctx.opts;
  const dir = join(ctx.tmp, `events-${contender}-${rep}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'opsdeck.yaml'), [
    'organization: Events bench',
    `server: { data_dir: ${JSON.stringify(join(dir, 'data'))} }`,
    'severities:',
    '  P1: { name: Critical }',
    '  P2: { name: High }',
    '  P3: { name: Medium }',
    '  P4: { name: Low }',
    'services:',
    '  payments: { name: Payments }',
    'integrations:',
    '  bench:',
    '    events_v2: { service: payments, routing_key_env: BENCH_EVENTS_KEY, rate_limit: 100000/s }',
    '',
  ].join('\n'));
  const schema = `opsdeck_bench_events_${process.pid}_${rep}`;
  const args = [`--config=${dir}`, ...(contender === 'postgres' ? [`--database-url=${postgresUrl}`, `--schema=${schema}`] : [])];
  const logFile = join(ctx.tmp, `events-${contender}-${rep}.log`);
  const link = ChildLink.spawn(`opsdeck events (${contender})`, './events-v2-child.ts', args, logFile, { BENCH_EVENTS_KEY: ROUTING_KEY });
  try {
    const { url } = await link.waitFor<{ url: string }>('listening', 120_000);
    const endpoint = `${url}/v2/enqueue`;
    const cpu = cpuOf(() => link.request<ProcessWindow>('report'), () => link.request('reset'));
    // Warm-up: JIT, connections, the first incidents; excluded from every figure.
    await postLoad(endpoint, (i) => eventsV2Trigger(ROUTING_KEY, `warm-${i}`, i, bytes), WARMUP, concurrency, 202);
    const started = performance.now();
    const fresh = await measure(count, concurrency, endpoint, (i) => eventsV2Trigger(ROUTING_KEY, `new-${i}`, i, bytes), 202, cpu);
    await link.request('settle');
    const incidentsOpenS = (performance.now() - started) / 1000;
    const updates = await measure(count, concurrency, endpoint, (i) => eventsV2Trigger(ROUTING_KEY, `new-${i % UPDATE_KEYS}`, i, bytes), 202, cpu);
    const counts = await link.request<{ inbound: number; alerts: number; openIncidents: number }>('counts');
    await link.stop(60_000);
    return {
      contender, rep, fresh: fresh.load, updates: updates.load, cpuPct: { fresh: fresh.cpuPct, updates: updates.cpuPct }, incidentsOpenS,
      stored: { ...counts, expected: WARMUP + 2 * count }, logErrors: logErrors(logFile).count,
    };
  } catch (error) {
    link.kill();
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    if (contender === 'postgres' && postgresUrl) await dropSchema(postgresUrl, schema).catch(() => {});
  }
}

async function runAlertmanager(ctx: BenchContext, rep: number, bytes: number): Promise<EventsRun> {
  const { eventsCount: count, eventsConcurrency: concurrency } = ctx.opts;
  const dir = join(ctx.tmp, `alertmanager-${rep}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  // One receiver with nothing to send to: the figure is ingest (validate, store, index), as for opsdeck.
  writeFileSync(join(dir, 'alertmanager.yml'), 'route:\n  receiver: none\n  group_by: [alertname]\nreceivers:\n  - name: none\n');
  const port = 19_000 + Math.floor(Math.random() * 20_000);
  const logFile = join(ctx.tmp, `alertmanager-${rep}.log`);
  const fd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(AM_BIN, [
    `--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, `--web.external-url=http://127.0.0.1:${port}`, '--cluster.listen-address=',
  ], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = performance.now() + 30_000;
    while (!(await fetch(`${base}/-/ready`).then((r) => r.ok, () => false))) {
      if (performance.now() > deadline || child.exitCode !== null) throw new Error(`alertmanager did not become ready\n--- ${logFile}\n${logTail(logFile)}`);
      await sleep(100);
    }
    const endpoint = `${base}/api/v2/alerts`;
    const cpu = procCpu(child.pid!);
    await postLoad(endpoint, (i) => amAlert(`warm-${i}`, i, bytes), WARMUP, concurrency, 200);
    const fresh = await measure(count, concurrency, endpoint, (i) => amAlert(`new-${i}`, i, bytes), 200, cpu);
    const updates = await measure(count, concurrency, endpoint, (i) => amAlert(`new-${i % UPDATE_KEYS}`, i, bytes), 200, cpu);
    return { contender: 'alertmanager', rep, fresh: fresh.load, updates: updates.load, cpuPct: { fresh: fresh.cpuPct, updates: updates.cpuPct }, incidentsOpenS: null, stored: null, logErrors: 0 };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** CPU % of one core since the previous call, from the child's own meter. */
function cpuOf(report: () => Promise<ProcessWindow>, reset: () => Promise<unknown>): () => Promise<number> {
  let first = true;
  return async () => {
    if (first) {
      first = false;
      await reset();
      return NaN;
    }
    const w = await report();
    await reset();
    return ((w.cpuUserMs + w.cpuSystemMs) / w.wallMs) * 100;
  };
}

/** The same for a process that is not ours to instrument: utime + stime from /proc (clock ticks of 10 ms). */
function procCpu(pid: number): () => Promise<number> {
  const read = (): { cpuMs: number; at: number } => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, at: performance.now() };
  };
  let last = read();
  return async () => {
    const now = read();
    const pct = ((now.cpuMs - last.cpuMs) / (now.at - last.at)) * 100;
    last = now;
    return pct;
  };
}

async function amVersion(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(AM_BIN, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', () => resolve(/version (\S+)/.exec(out)?.[1] ? `Alertmanager ${/version (\S+)/.exec(out)![1]}` : 'Alertmanager (version unknown)'));
  });
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
