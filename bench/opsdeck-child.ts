/**
 * The real server as a contender: startOpsdeck on the generated config, in a
 * process of its own. It reports its process figures, and what its /metrics
 * says about check runs and schedule lateness, over a window the parent opens
 * with "reset" and closes with "report".
 */
import { arg, emit, serveParent } from './parent-link.ts';
import { createProcessMeter, memory } from './process-meter.ts';
import { counterTotal, histogram, histogramDelta, type Histogram } from './prom-text.ts';

const meter = createProcessMeter();
const importStarted = performance.now();
const { startOpsdeck } = await import('../src/app/index.ts');
const imported = performance.now();
const app = await startOpsdeck({ configDir: arg('config'), listen: { host: '127.0.0.1', port: 0 }, watch: false });
const started = performance.now();

interface Scrape {
  runs: number;
  lateness: Histogram;
  duration: Histogram;
}

async function scrape(): Promise<Scrape> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return {
    runs: counterTotal(text, 'opsdeck_check_runs_total'),
    lateness: histogram(text, 'opsdeck_check_schedule_lateness_seconds'),
    duration: histogram(text, 'opsdeck_check_duration_seconds'),
  };
}

let baseline = await scrape();

serveParent({
  async reset() {
    meter.reset();
    baseline = await scrape();
  },
  async report() {
    // Process figures first, so the scrape below is not counted in them.
    const window = meter.snapshot();
    const now = await scrape();
    return {
      runs: now.runs - baseline.runs,
      lateness: histogramDelta(now.lateness, baseline.lateness),
      duration: histogramDelta(now.duration, baseline.duration),
      process: window,
    };
  },
  memory() {
    return { ...memory(), heapUsedBytes: process.memoryUsage().heapUsed };
  },
  async stop() {
    const t = performance.now();
    await app.stop();
    const stopMs = performance.now() - t;
    setTimeout(() => process.exit(0), 50);
    return { stopMs };
  },
});

emit('listening', {
  url: app.url,
  token: app.bootstrapSecret,
  at: Date.now(),
  importMs: imported - importStarted,
  startMs: started - imported,
  memory: memory(),
});
