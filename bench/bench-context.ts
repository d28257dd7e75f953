import { readFileSync } from 'node:fs';
import type { BenchOptions } from './bench-options.ts';
import type { FleetShape } from './bench-fleet.ts';
import { ChildLink } from './child-link.ts';
import type { LatenessSummary } from '../src/engine/index.ts';
import type { ProcessWindow } from './process-meter.ts';

/** What every part of the benchmark shares: the options, the fleet, the running target, a temp dir. */
export interface BenchContext {
  opts: BenchOptions;
  shape: FleetShape;
  target: ChildLink;
  targetBase: string;
  tmp: string;
  progress(message: string): void;
}

export interface TargetReport {
  requests: number;
  early: number;
  lateness: LatenessSummary;
  process: ProcessWindow;
}

export async function startTarget(intervalMs: number, logFile: string): Promise<{ target: ChildLink; base: string }> {
  const target = ChildLink.spawn('target', './target-server.ts', [`--interval-ms=${intervalMs}`], logFile);
  const { port } = await target.waitFor<{ port: number }>('ready', 30_000);
  return { target, base: `http://127.0.0.1:${port}` };
}

/** The last lines of a child's log, for an error message when it died. */
export function logTail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** pino writes level 50 for errors and 60 for fatal. */
export function logErrors(file: string): { count: number; first: string[] } {
  try {
    const bad = readFileSync(file, 'utf8').split('\n').filter((l) => /"level":(50|60)/.test(l));
    return { count: bad.length, first: bad.slice(0, 3).map((l) => l.slice(0, 400)) };
  } catch {
    return { count: 0, first: [] };
  }
}
