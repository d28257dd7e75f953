import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LatenessSummary } from '../src/engine/index.ts';
import { logErrors, logTail, type BenchContext, type TargetReport } from './bench-context.ts';
import { sleep } from './bench-stats.ts';
import { writeBenchConfig } from './bench-config.ts';
import { ChildLink } from './child-link.ts';
import type { ProcessWindow } from './process-meter.ts';
import { quantileBound, shareAtOrBelow, type Histogram } from './prom-text.ts';
import { growthPerMinute, sampleStore, type StoreSample } from './store-sampler.ts';

/** One measurement window of one contender; the same fields for both, so they print side by side. */
export interface ContenderRun {
  checksPerSec: number;
  cpuUsPerCheck: number;
  /** CPU over the window as a share of one core, %. */
  cpuPct: number;
  process: ProcessWindow;
  /** The contender's own account: exact for the bare loop, bucket bounds from /metrics for opsdeck. */
  selfLateness: { p50Ms: number; p99Ms: number; maxMs: number | null; under100msShare: number | null };
  /** Arrival after the slot, as the target saw it (same method for both). */
  targetLateness: LatenessSummary;
  target: TargetReport;
  startupS: number;
  failed: number;
  skipped: number | null;
}

export interface OpsdeckRun extends ContenderRun {
  importMs: number;
  startMs: number;
  stopMs: number | null;
  checkDurationP99BoundMs: number;
  store: { samples: StoreSample[]; firstHalfMBPerMin: number | null; secondHalfMBPerMin: number | null };
  logErrors: { count: number; first: string[] };
  dataDir: string;
  configDir: string;
  logFile: string;
  url: string;
  token: string | null;
}

function contender(count: number, proc: ProcessWindow, target: TargetReport): Pick<ContenderRun, 'checksPerSec' | 'cpuUsPerCheck' | 'cpuPct' | 'process' | 'targetLateness' | 'target'> {
  const cpuMs = proc.cpuUserMs + proc.cpuSystemMs;
  return {
    checksPerSec: count / (proc.wallMs / 1000),
    cpuUsPerCheck: count > 0 ? (cpuMs * 1000) / count : NaN,
    cpuPct: (cpuMs / proc.wallMs) * 100,
    process: proc,
    targetLateness: target.lateness,
    target,
  };
}

async function measureWindow<T>(ctx: BenchContext, link: ChildLink, warmupMs: number, durationMs: number): Promise<{ own: T; target: TargetReport }> {
  await sleep(warmupMs);
  await Promise.all([link.request('reset'), ctx.target.request('reset')]);
  await sleep(durationMs);
  const [own, target] = await Promise.all([link.request<T>('report'), ctx.target.request<TargetReport>('report')]);
  return { own, target };
}

export async function runBare(ctx: BenchContext, rep: number): Promise<ContenderRun> {
  const { opts, shape } = ctx;
  ctx.progress(`bare loop #${rep + 1}: ${shape.checks} requests per ${shape.intervalMs / 1000}s, warm-up ${opts.warmupMs / 1000}s, window ${opts.bareDurationMs / 1000}s`);
  const logFile = join(ctx.tmp, `bare-${rep}.log`);
  const link = ChildLink.spawn('bare loop', './bare-loop.ts', [`--shape=${JSON.stringify(shape)}`, `--target=${ctx.targetBase}`, `--concurrency=${opts.concurrency}`], logFile);
  try {
    await link.waitFor('ready', 120_000);
    const startupS = (performance.now() - link.spawnedAt) / 1000;
    await link.request('start');
    type BareReport = { completed: number; failed: number; skipped: number; lateness: LatenessSummary; process: ProcessWindow };
    const { own, target } = await measureWindow<BareReport>(ctx, link, opts.warmupMs, opts.bareDurationMs);
    return {
      ...contender(own.completed + own.failed, own.process, target),
      selfLateness: { p50Ms: own.lateness.p50, p99Ms: own.lateness.p99, maxMs: own.lateness.max, under100msShare: null },
      startupS, failed: own.failed, skipped: own.skipped,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    await link.stop(10_000);
  }
}

export interface OpsdeckPlan {
  /** Runs while opsdeck is still up after the window, before it stops (the API benchmark). */
  after?: (run: OpsdeckRun) => Promise<void>;
}

export function prepareOpsdeckDirs(ctx: BenchContext, name: string): { configDir: string; dataDir: string } {
  const configDir = join(ctx.tmp, `${name}-config`);
  const dataDir = join(ctx.tmp, `${name}-data`);
  mkdirSync(dataDir, { recursive: true });
  writeBenchConfig(configDir, {
    shape: ctx.shape, targetBase: ctx.targetBase, dataDir, rawRetention: ctx.opts.rawRetention,
    rawRetentionMs: ctx.opts.rawRetentionMs, concurrency: ctx.opts.concurrency,
  });
  return { configDir, dataDir };
}

export async function runOpsdeck(ctx: BenchContext, rep: number, plan: OpsdeckPlan = {}): Promise<OpsdeckRun> {
  const { opts, shape } = ctx;
  const { configDir, dataDir } = prepareOpsdeckDirs(ctx, `opsdeck-${rep}`);
  ctx.progress(`opsdeck #${rep + 1}: starting on ${shape.checks} checks (config ${configDir})`);
  const logFile = join(ctx.tmp, `opsdeck-${rep}.log`);
  const link = ChildLink.spawn('opsdeck', './opsdeck-child.ts', [`--config=${configDir}`], logFile);
  let stopMs: number | null = null;
  try {
    type Listening = { url: string; token: string | null; importMs: number; startMs: number };
    const listening = await link.waitFor<Listening>('listening', 600_000);
    const startupS = (performance.now() - link.spawnedAt) / 1000;
    ctx.progress(`opsdeck #${rep + 1}: listening after ${startupS.toFixed(1)}s; warm-up ${opts.warmupMs / 1000}s, window ${opts.durationMs / 1000}s`);
    const sampler = sampleStore(dataDir, 10_000, opts.quick ? 1 : 3);
    type OpsReport = { runs: number; lateness: Histogram; duration: Histogram; process: ProcessWindow };
    const { own, target } = await measureWindow<OpsReport>(ctx, link, opts.warmupMs, opts.durationMs);
    const samples = sampler.stop();
    const end = samples.at(-1)!.t;
    const run: OpsdeckRun = {
      ...contender(own.runs, own.process, target),
      selfLateness: {
        p50Ms: quantileBound(own.lateness, 0.5) * 1000,
        p99Ms: quantileBound(own.lateness, 0.99) * 1000,
        maxMs: null,
        under100msShare: shareAtOrBelow(own.lateness, 0.1),
      },
      checkDurationP99BoundMs: quantileBound(own.duration, 0.99) * 1000,
      startupS, failed: 0, skipped: null,
      importMs: listening.importMs, startMs: listening.startMs, stopMs: null,
      store: { samples, firstHalfMBPerMin: mbPerMin(growthPerMinute(samples, 0, end / 2)), secondHalfMBPerMin: mbPerMin(growthPerMinute(samples, end / 2, end)) },
      logErrors: { count: 0, first: [] },
      dataDir, configDir, logFile, url: listening.url, token: listening.token,
    };
    if (plan.after) await plan.after(run);
    ctx.progress(`opsdeck #${rep + 1}: stopping`);
    stopMs = (await link.stop<{ stopMs: number }>(120_000))?.stopMs ?? null;
    return { ...run, stopMs, logErrors: logErrors(logFile) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    link.kill();
  }
}

const mbPerMin = (bytes: number | null): number | null => (bytes === null ? null : bytes / (1024 * 1024));
