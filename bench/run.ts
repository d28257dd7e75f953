/**
 * `npm run bench`: the check engine at scale (opsdeck against a bare loop of
 * the same requests, each in its own process), a restart, an idle server, the
 * API at thousands of services, and paging (notifications delivered per second,
 * alert firing to first delivery), and Events v2 ingest against Alertmanager's. Prints a table; writes bench/out/results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { timeEndpoints, apiEndpoints } from './api-bench.ts';
import { startTarget, type BenchContext } from './bench-context.ts';
import { serviceCount, type FleetShape } from './bench-fleet.ts';
import { parseOptions, usage } from './bench-options.ts';
import { renderReport, type BenchResults } from './bench-report.ts';
import { runBare, runOpsdeck, type OpsdeckRun } from './engine-bench.ts';
import { runIdle } from './idle-bench.ts';
import { runPaging } from './paging-bench.ts';
import { runEvents } from './events-v2-bench.ts';
import { runRestart } from './restart-bench.ts';
import { runStatusPage } from './statuspage-bench.ts';
import { runHeartbeats } from './heartbeat-bench.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(usage());
  process.exit(0);
}
let opts;
try {
  opts = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(2);
}

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const tmp = mkdtempSync(join(tmpdir(), 'opsdeck-bench-'));
process.on('exit', () => {
  if (opts.keep) console.error(`bench: kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

// A hard stop well past the planned time: nothing here may run unbounded.
const plannedMs = opts.reps * (2 * opts.warmupMs + opts.durationMs + opts.bareDurationMs) + 3 * opts.intervalMs + opts.idleWaitMs +
  (opts.parts.has('paging') ? opts.reps * (120_000 + opts.pagingNotifications * 3 * 10) : 0) +
  (opts.parts.has('events') ? opts.reps * (90_000 + opts.eventsCount * 3 * 2 * 5) : 0) +
  (opts.parts.has('statuspage') ? 60_000 + opts.reps * 2 * (opts.statuspageDurationMs + 30_000) : 0) +
  (opts.parts.has('heartbeats') ? opts.reps * 2 * (120_000 + 3 * (opts.heartbeatDurationMs + opts.heartbeatBurstDurationMs)) : 0);
setTimeout(() => {
  console.error(`bench: still running ${Math.round((2 * plannedMs + 900_000) / 60_000)} min after start; giving up`);
  process.exit(3);
}, 2 * plannedMs + 900_000).unref();

const shape: FleetShape = { checks: opts.checks, checksPerService: opts.checksPerService, intervalMs: opts.intervalMs, failEvery: opts.failEvery };
const began = performance.now();
const progress = (message: string): void => console.error(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)}s] ${message}`);
const gitCommit = (): string => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

const services = serviceCount(shape);
const results: BenchResults = {
  meta: {
    title: `Opsdeck benchmark: ${opts.checks.toLocaleString('en-US')} http checks every ${opts.intervalMs / 1000}s in ${services.toLocaleString('en-US')} services, concurrency ${opts.concurrency}` +
      `${opts.quick ? ' (--quick)' : ''}\nnode ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}, commit ${gitCommit()}`,
    startedAt: new Date().toISOString(),
    options: { ...opts, parts: [...opts.parts] },
  },
  bare: [],
  opsdeck: [],
  errors: [],
};

const { target, base } = await startTarget(opts.intervalMs, join(tmp, 'target.log'));
const ctx: BenchContext = { opts, shape, target, targetBase: base, tmp, progress };
progress(`target at ${base}; temp dir ${tmp}`);

async function part(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    progress(`${name} failed: ${(error as Error).message}`);
    results.errors.push(`${name}: ${(error as Error).message}`);
  }
}

if (opts.parts.has('idle')) await part('idle', async () => void (results.idle = await runIdle(ctx)));
if (opts.parts.has('engine')) {
  for (let rep = 0; rep < opts.reps; rep++) await part(`bare loop #${rep + 1}`, async () => void results.bare.push(await runBare(ctx, rep)));
}
const opsdeckReps = opts.parts.has('engine') ? opts.reps : opts.parts.has('api') || opts.parts.has('restart') ? 1 : 0;
let last: OpsdeckRun | undefined;
for (let rep = 0; rep < opsdeckReps; rep++) {
  const withApi = rep === opsdeckReps - 1 && opts.parts.has('api');
  await part(`opsdeck #${rep + 1}`, async () => {
    last = await runOpsdeck(ctx, rep, {
      after: withApi
        ? async (run) => {
            progress(`API: ${opts.apiRequests} requests to each endpoint at ${services} services`);
            results.api = await timeEndpoints(run.url, run.token, apiEndpoints(services), opts.apiRequests);
          }
        : undefined,
    });
    if (opts.parts.has('engine')) results.opsdeck.push(last);
  });
}
if (opts.parts.has('restart') && last) {
  const dirs = { configDir: last.configDir, dataDir: last.dataDir };
  await part('restart', async () => void (results.restart = await runRestart(ctx, dirs)));
}
if (opts.parts.has('paging')) {
  await part('paging', async () => {
    results.paging = await runPaging(ctx, (what, error) => {
      progress(`${what} failed: ${(error as Error).message}`);
      results.errors.push(`${what}: ${(error as Error).message}`);
    });
  });
}
if (opts.parts.has('events')) {
  await part('events', async () => {
    results.events = await runEvents(ctx, (what, error) => {
      progress(`${what} failed: ${(error as Error).message}`);
      results.errors.push(`${what}: ${(error as Error).message}`);
    });
  });
}
if (opts.parts.has('statuspage')) await part('statuspage', async () => void (results.statuspage = await runStatusPage(ctx)));
if (opts.parts.has('heartbeats')) {
  await part('heartbeats', async () => {
    results.heartbeats = await runHeartbeats(ctx, (what, error) => {
      progress(`${what} failed: ${(error as Error).message}`);
      results.errors.push(`${what}: ${(error as Error).message}`);
    });
  });
}
await target.stop(10_000);

results.meta['finishedAt'] = new Date().toISOString();
results.meta['loadAverageAtEnd'] = loadavg();
results.meta['wallSeconds'] = (performance.now() - began) / 1000;
results.meta.title += `, load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${Math.round((performance.now() - began) / 1000)} s in all`;
console.log(renderReport(results, opts));
const out = resolve(root, opts.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results: ${out}`);
process.exit(results.errors.length > 0 ? 1 : 0);
