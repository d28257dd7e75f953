import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What one contender process spent over a measurement window. */
export interface ProcessWindow {
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Highest RSS sampled (every second) during the window. */
  rssMaxBytes: number;
  /** RSS at the end of the window. */
  rssBytes: number;
  /** Peak RSS over the whole life of the process (VmHWM), start-up included. */
  peakRssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Memory V8 tracks outside its heap (Buffers, and native objects that report themselves). */
  externalBytes: number;
  /** Event-loop delay over the window (perf_hooks, less its sampling period), ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface Memory {
  rssBytes: number;
  peakRssBytes: number;
}

/** VmRSS and VmHWM from /proc (Linux); elsewhere process.memoryUsage and resourceUsage. */
export function memory(): Memory {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const rssBytes = kb('VmRSS');
    const peakRssBytes = kb('VmHWM');
    if (Number.isFinite(rssBytes) && Number.isFinite(peakRssBytes)) return { rssBytes, peakRssBytes };
  } catch {
    // Not Linux.
  }
  return { rssBytes: process.memoryUsage.rss(), peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}

export interface ProcessMeter {
  /** Starts a new window (the warm-up before it is not counted). */
  reset(): void;
  snapshot(): ProcessWindow;
}

/** The event-loop monitor's timer period: it reports each period plus the delay, so the period is taken off. */
const LOOP_RESOLUTION_MS = 20;

export function createProcessMeter(): ProcessMeter {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let startedAt = performance.now();
  let cpu = process.cpuUsage();
  let rssMax = 0;
  const sample = (): void => {
    rssMax = Math.max(rssMax, memory().rssBytes);
  };
  setInterval(sample, 1000).unref();

  return {
    reset() {
      startedAt = performance.now();
      cpu = process.cpuUsage();
      rssMax = memory().rssBytes;
      loop.reset();
    },
    snapshot() {
      sample();
      const used = process.cpuUsage(cpu);
      const mem = memory();
      const usage = process.memoryUsage();
      const delay = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
      return {
        wallMs: performance.now() - startedAt,
        cpuUserMs: used.user / 1000,
        cpuSystemMs: used.system / 1000,
        rssMaxBytes: rssMax,
        rssBytes: mem.rssBytes,
        peakRssBytes: mem.peakRssBytes,
        heapUsedBytes: usage.heapUsed,
        heapTotalBytes: usage.heapTotal,
        externalBytes: usage.external,
        loopDelayP50Ms: delay(loop.percentile(50)),
        loopDelayP99Ms: delay(loop.percentile(99)),
        loopDelayMaxMs: delay(loop.max),
      };
    },
  };
}
