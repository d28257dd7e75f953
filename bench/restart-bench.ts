import { join } from 'node:path';
import { logErrors, logTail, type BenchContext } from './bench-context.ts';
import { sleep } from './bench-stats.ts';
import { ChildLink } from './child-link.ts';
import type { Memory } from './process-meter.ts';
import { checksStoredSince } from './store-sampler.ts';

export interface RestartRun {
  /** Process start to "listening" on a store that already holds the previous run's results. */
  spawnToListeningS: number;
  importMs: number;
  startMs: number;
  memoryAtListening: Memory;
  /** From "listening" until the target had seen a request for every check (null: not within the limit). */
  allProbedS: number | null;
  probed: number;
  /** From "listening" until every check had a result in the store written by the new process (polled every 2 s). */
  allStoredS: number | null;
  stored: number | null;
  logErrors: { count: number; first: string[] };
}

/**
 * Stops nothing itself: the previous opsdeck process has already stopped on
 * dataDir. Starts a new one on the same config and data, and times how long
 * until every check has run again (goal: within one interval).
 */
export async function runRestart(ctx: BenchContext, dirs: { configDir: string; dataDir: string }): Promise<RestartRun> {
  const { shape } = ctx;
  const limitMs = 2 * shape.intervalMs + 30_000;
  const logFile = join(ctx.tmp, 'restart.log');
  await ctx.target.request('mark', { expect: shape.checks });
  const spawnedAtEpoch = Date.now();
  ctx.progress(`restart: starting opsdeck again on ${dirs.dataDir}`);
  const link = ChildLink.spawn('opsdeck (restart)', './opsdeck-child.ts', [`--config=${dirs.configDir}`], logFile);
  try {
    type Listening = { at: number; importMs: number; startMs: number; memory: Memory };
    const listening = await link.waitFor<Listening>('listening', 600_000);
    const spawnToListeningS = (performance.now() - link.spawnedAt) / 1000;
    ctx.progress(`restart: listening after ${spawnToListeningS.toFixed(1)}s; waiting for every check to run`);
    type Status = { seen: number; completeAt: number | null };
    let status: Status = { seen: 0, completeAt: null };
    for (const deadline = performance.now() + limitMs; performance.now() < deadline; await sleep(500)) {
      status = await ctx.target.request<Status>('markStatus');
      if (status.completeAt !== null) break;
    }
    const db = join(dirs.dataDir, 'opsdeck.db');
    let stored: number | null = null;
    let allStoredS: number | null = null;
    for (const deadline = performance.now() + 30_000; performance.now() < deadline; await sleep(2_000)) {
      stored = checksStoredSince(db, spawnedAtEpoch);
      if (stored === shape.checks) {
        allStoredS = (Date.now() - listening.at) / 1000;
        break;
      }
    }
    await link.stop(120_000);
    return {
      spawnToListeningS, importMs: listening.importMs, startMs: listening.startMs, memoryAtListening: listening.memory,
      allProbedS: status.completeAt === null ? null : (status.completeAt - listening.at) / 1000,
      probed: status.seen, allStoredS, stored, logErrors: logErrors(logFile),
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    link.kill();
  }
}
