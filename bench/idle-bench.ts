import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logTail, type BenchContext } from './bench-context.ts';
import { writeBenchConfig } from './bench-config.ts';
import { sleep } from './bench-stats.ts';
import { ChildLink } from './child-link.ts';
import type { Memory } from './process-meter.ts';

export interface IdleRun {
  checks: number;
  spawnToListeningS: number;
  atListening: Memory;
  afterIdle: Memory & { heapUsedBytes: number };
}

/** Opsdeck with a quick-start-sized config (a handful of checks), left alone for a while: its resting RSS. */
export async function runIdle(ctx: BenchContext): Promise<IdleRun> {
  const configDir = join(ctx.tmp, 'idle-config');
  const dataDir = join(ctx.tmp, 'idle-data');
  mkdirSync(dataDir, { recursive: true });
  const shape = { checks: 6, checksPerService: 2, intervalMs: 10_000, failEvery: 3 };
  writeBenchConfig(configDir, { shape, targetBase: ctx.targetBase, dataDir, rawRetention: '1h', rawRetentionMs: 3_600_000, concurrency: 256 });
  const logFile = join(ctx.tmp, 'idle.log');
  ctx.progress(`idle: opsdeck with ${shape.checks} checks, reading RSS after ${ctx.opts.idleWaitMs / 1000}s`);
  const link = ChildLink.spawn('opsdeck (idle)', './opsdeck-child.ts', [`--config=${configDir}`], logFile);
  try {
    const listening = await link.waitFor<{ memory: Memory }>('listening', 120_000);
    const spawnToListeningS = (performance.now() - link.spawnedAt) / 1000;
    await sleep(ctx.opts.idleWaitMs);
    const afterIdle = await link.request<Memory & { heapUsedBytes: number }>('memory');
    return { checks: shape.checks, spawnToListeningS, atListening: listening.memory, afterIdle };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile}\n${logTail(logFile)}`);
  } finally {
    await link.stop(30_000);
  }
}
