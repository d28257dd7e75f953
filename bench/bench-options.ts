import { parseDuration } from '../src/time/index.ts';

export const PARTS = ['idle', 'engine', 'api', 'restart', 'paging', 'events', 'statuspage', 'heartbeats'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  quick: boolean;
  checks: number;
  checksPerService: number;
  intervalMs: number;
  warmupMs: number;
  /** The opsdeck measurement window, after the warm-up. */
  durationMs: number;
  bareDurationMs: number;
  reps: number;
  concurrency: number;
  failEvery: number;
  rawRetention: string;
  rawRetentionMs: number;
  apiRequests: number;
  idleWaitMs: number;
  /** paging: notifications each delivery contender drains, at this many sends at once. */
  pagingNotifications: number;
  pagingConcurrency: number;
  /** paging: failing services in the alert-to-delivery run, each paging once. */
  pagingServices: number;
  /** events: Events v2 triggers (and Alertmanager alerts) per load, at this many requests in flight, each body this long. */
  eventsCount: number;
  eventsConcurrency: number;
  eventsBodyBytes: number;
  /** statuspage: each autocannon load runs this long with this many connections. */
  statuspageDurationMs: number;
  statuspageConnections: number;
  /** heartbeats: pings offered a second and for how long, then the burst's; over this many heartbeats. */
  heartbeatRate: number;
  heartbeatDurationMs: number;
  heartbeatBurstRate: number;
  heartbeatBurstDurationMs: number;
  heartbeatCount: number;
  parts: Set<Part>;
  keep: boolean;
  out: string;
}

interface Flag {
  name: string;
  help: string;
  full: string;
  quick: string;
}

/** Every flag, its default and its --quick default; also read from BENCH_<NAME> in the environment. */
export const FLAGS: Flag[] = [
  { name: 'checks', help: 'http checks in the fleet', full: '50000', quick: '2000' },
  { name: 'per-service', help: 'checks per service (one alert rule per service)', full: '10', quick: '10' },
  { name: 'interval', help: 'every check runs this often', full: '30s', quick: '10s' },
  { name: 'warmup', help: 'run before measuring', full: '', quick: '' },
  { name: 'duration', help: 'opsdeck measurement window', full: '240s', quick: '20s' },
  { name: 'bare-duration', help: 'bare-loop measurement window', full: '60s', quick: '15s' },
  { name: 'reps', help: 'runs of each contender; figures are medians', full: '1', quick: '1' },
  { name: 'concurrency', help: 'engine.concurrency, and the bare loop\'s', full: '256', quick: '256' },
  { name: 'fail-every', help: 'every n-th service has a failing check (0: none)', full: '100', quick: '20' },
  { name: 'raw-retention', help: 'storage.retention.raw', full: '2m', quick: '1m' },
  { name: 'api-requests', help: 'timed requests per API endpoint', full: '20', quick: '8' },
  { name: 'idle-wait', help: 'how long the idle server sits before its RSS is read', full: '10s', quick: '5s' },
  { name: 'paging-notifications', help: 'paging: notifications each delivery contender drains', full: '5000', quick: '1000' },
  { name: 'paging-concurrency', help: 'paging: sends at once (the delivery worker\'s default is 16)', full: '16', quick: '16' },
  { name: 'paging-services', help: 'paging: failing services whose alerts page once each', full: '100', quick: '100' },
  { name: 'events-count', help: 'events: requests per load (new alerts, then as many updates), per contender', full: '4000', quick: '1000' },
  { name: 'events-concurrency', help: 'events: requests in flight, the same for every contender', full: '32', quick: '32' },
  { name: 'events-body-bytes', help: 'events: each request body padded to this size', full: '1024', quick: '1024' },
  { name: 'statuspage-duration', help: 'statuspage: each load (the page, then the static string) runs this long', full: '10s', quick: '5s' },
  { name: 'heartbeat-rate', help: 'heartbeats: pings a second offered in the sustained load', full: '2000', quick: '2000' },
  { name: 'heartbeat-duration', help: 'heartbeats: how long the sustained load runs', full: '20s', quick: '5s' },
  { name: 'heartbeat-burst-rate', help: 'heartbeats: pings a second offered in the burst', full: '10000', quick: '10000' },
  { name: 'heartbeat-burst-duration', help: 'heartbeats: how long the burst runs', full: '10s', quick: '3s' },
  { name: 'heartbeat-count', help: 'heartbeats: heartbeats the pings rotate over', full: '100', quick: '100' },
  { name: 'statuspage-connections', help: 'statuspage: autocannon connections', full: '32', quick: '32' },
  { name: 'only', help: `comma-separated parts to run: ${PARTS.join(',')}`, full: PARTS.join(','), quick: PARTS.join(',') },
  { name: 'out', help: 'where results.json goes', full: 'bench/out/results.json', quick: 'bench/out/results.json' },
];

export function usage(): string {
  const lines = FLAGS.map((f) => `  --${f.name.padEnd(20)} ${f.help} (default ${f.full || 'one interval'}; --quick ${f.quick || 'one interval'})`);
  return [
    'usage: npm run bench -- [--quick] [--keep] [--name=value ...]',
    '  --quick                small fleet and short windows (~1-2 min), for smoke tests',
    '  --keep                 keep the temp directory (configs, data, logs) and say where it is',
    ...lines,
  ].join('\n');
}

function ms(name: string, text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(`--${name}: ${parsed.message}`);
  return parsed.ms;
}

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected a whole number of at least ${min}, found "${text}"`);
  return n;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick') || env['BENCH_QUICK'] === '1';
  const keep = argv.includes('--keep') || env['BENCH_KEEP'] === '1';
  const given = new Map<string, string>();
  for (const a of argv) {
    if (a === '--quick' || a === '--keep') continue;
    const m = /^--([a-z-]+)=(.*)$/.exec(a);
    if (!m || !FLAGS.some((f) => f.name === m[1])) throw new Error(`unknown argument "${a}"\n${usage()}`);
    given.set(m[1]!, m[2]!);
  }
  const value = (name: string): string => {
    const flag = FLAGS.find((f) => f.name === name)!;
    return given.get(name) ?? env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`] ?? (quick ? flag.quick : flag.full);
  };
  const intervalMs = ms('interval', value('interval'));
  const parts = new Set<Part>();
  for (const p of value('only').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: unknown part "${p}"; expected some of ${PARTS.join(', ')}`);
    parts.add(p as Part);
  }
  return {
    quick, keep, parts, intervalMs,
    checks: count('checks', value('checks'), 1),
    checksPerService: count('per-service', value('per-service'), 1),
    warmupMs: value('warmup') === '' ? intervalMs : ms('warmup', value('warmup')),
    durationMs: ms('duration', value('duration')),
    bareDurationMs: ms('bare-duration', value('bare-duration')),
    reps: count('reps', value('reps'), 1),
    concurrency: count('concurrency', value('concurrency'), 1),
    failEvery: count('fail-every', value('fail-every'), 0),
    rawRetention: value('raw-retention'),
    rawRetentionMs: ms('raw-retention', value('raw-retention')),
    apiRequests: count('api-requests', value('api-requests'), 1),
    idleWaitMs: ms('idle-wait', value('idle-wait')),
    pagingNotifications: count('paging-notifications', value('paging-notifications'), 1),
    pagingConcurrency: count('paging-concurrency', value('paging-concurrency'), 1),
    pagingServices: count('paging-services', value('paging-services'), 1),
    eventsCount: count('events-count', value('events-count'), 1),
    eventsConcurrency: count('events-concurrency', value('events-concurrency'), 1),
    eventsBodyBytes: count('events-body-bytes', value('events-body-bytes'), 1),
    statuspageDurationMs: ms('statuspage-duration', value('statuspage-duration')),
    statuspageConnections: count('statuspage-connections', value('statuspage-connections'), 1),
    heartbeatRate: count('heartbeat-rate', value('heartbeat-rate'), 1),
    heartbeatDurationMs: ms('heartbeat-duration', value('heartbeat-duration')),
    heartbeatBurstRate: count('heartbeat-burst-rate', value('heartbeat-burst-rate'), 1),
    heartbeatBurstDurationMs: ms('heartbeat-burst-duration', value('heartbeat-burst-duration')),
    heartbeatCount: count('heartbeat-count', value('heartbeat-count'), 1),
    out: value('out'),
  };
}
