import { median, medianOf, quantile } from './bench-stats.ts';
import type { PagingResults } from './paging-bench.ts';
import type { Spread } from './paging-latency.ts';
import type { DeliveryContender, DeliveryRun } from './paging-throughput.ts';
import { fmt, textTable } from './text-table.ts';

export const DELIVERIES_GOAL_PER_SEC = 500;
export const PIPELINE_P99_GOAL_MS = 50;

const goal = (ok: boolean | null, text: string): string => (ok === null ? text : `${text} ${ok ? 'ok' : 'MISSED'}`);

function deliveryTable(runs: DeliveryRun[]): string {
  const contenders: DeliveryContender[] = ['bare', 'sqlite', 'postgres'];
  const by = new Map(contenders.map((c) => [c, runs.filter((r) => r.contender === c)]));
  const shown = contenders.filter((c) => by.get(c)!.length > 0);
  const med = (c: DeliveryContender, pick: (r: DeliveryRun) => number | null): number | null => {
    const list = by.get(c)!;
    return list.length === 0 ? null : medianOf(list, (r) => pick(r) ?? NaN);
  };
  const heads: Record<DeliveryContender, string> = { bare: 'bare postJson', sqlite: 'opsdeck SQLite', postgres: 'opsdeck PostgreSQL' };
  const row = (label: string, pick: (r: DeliveryRun) => number | null, d: number, goalText = ''): string[] =>
    [label, ...shown.map((c) => fmt(med(c, pick), d)), goalText];
  const bare = med('bare', (r) => r.perSec);
  const sqlite = med('sqlite', (r) => r.perSec);
  const rows = [
    ['', ...shown.map((c) => heads[c]), 'goal'],
    row('deliveries per second', (r) => r.perSec, 0, goal(sqlite === null ? null : sqlite > DELIVERIES_GOAL_PER_SEC, `SQLite > ${DELIVERIES_GOAL_PER_SEC}/s`)),
    ['  share of bare', ...shown.map((c) => (bare && med(c, (r) => r.perSec) !== null ? `${fmt((med(c, (r) => r.perSec)! / bare) * 100, 0)}%` : '-')), ''],
    row('elapsed, s', (r) => r.elapsedMs / 1000, 2),
    row('CPU per delivery, µs', (r) => r.cpuUsPerDelivery, 0),
    row('CPU, % of one core', (r) => ((r.process.cpuUserMs + r.process.cpuSystemMs) / r.process.wallMs) * 100, 0),
    row('max RSS in run, MB', (r) => r.process.rssMaxBytes / (1024 * 1024), 1),
    row('event-loop delay p99, ms', (r) => r.process.loopDelayP99Ms, 1),
    row('receiver CPU, % of one core', (r) => ((r.receiver.process.cpuUserMs + r.receiver.process.cpuSystemMs) / r.receiver.process.wallMs) * 100, 0),
    row('enqueue (untimed), rows/s', (r) => r.enqueuedPerSec, 0),
  ];
  const first = runs[0];
  const dupes = runs.filter((r) => r.receiver.posts !== r.receiver.keys || r.receiver.posts !== r.count);
  return [
    textTable(rows),
    first ? `  each run: ${first.count} webhook POSTs at concurrency ${first.concurrency} to a keep-alive receiver in its own process; ` +
      `receiver saw one POST per idempotency key in every run: ${dupes.length === 0 ? 'yes' : `NO (${dupes.map((r) => `${r.contender} #${r.rep + 1}: ${r.receiver.posts} posts, ${r.receiver.keys} keys`).join('; ')})`}` : '',
  ].filter(Boolean).join('\n');
}

function latencyTable(results: PagingResults): string {
  const runs = results.latency;
  const med = (pick: (r: (typeof runs)[number]) => Spread, field: keyof Spread): number => medianOf(runs, (r) => pick(r)[field]);
  const row = (label: string, pick: (r: (typeof runs)[number]) => Spread, goalText = ''): string[] =>
    [label, fmt(med(pick, 'count'), 0), fmt(med(pick, 'p50'), 1), fmt(med(pick, 'p99'), 1), fmt(med(pick, 'max'), 1), goalText];
  const p99 = med((r) => r.pipeline, 'p99');
  const pooled = runs.flatMap((r) => r.samples);
  const missing = runs.reduce((a, r) => a + r.missing, 0);
  return [
    textTable([
      ['ms', 'alerts', 'p50', 'p99', 'max', 'goal'],
      row('alert fired -> first delivery sent', (r) => r.latency),
      row('  of which the pipeline\'s own (less configured waits: 0)', (r) => r.pipeline, goal(Number.isFinite(p99) ? p99 < PIPELINE_P99_GOAL_MS : null, `p99 < ${PIPELINE_P99_GOAL_MS} ms`)),
      row('  fired -> outbox row created', (r) => r.parts.toOutbox),
      row('  row created -> send started', (r) => r.parts.queued),
      row('  send (POST and its answer)', (r) => r.parts.send),
    ]),
    `  opsdeck (startOpsdeck in a child process) with ${runs[0]?.services ?? '?'} services, each one http check every 2s that fails from its first run and a P1 rule "health failing";` +
      ' policy level 0 "after: 0s" notifies one user\'s webhook.',
    '  firedAt (alert), createdAt and finishedAt (notification) and the attempt\'s start come from the store, all from opsdeck\'s own clock (1 ms steps);' +
      ' finishedAt is taken as the answer arrives, before the attempt is committed.',
    `  all runs pooled: ${pooled.length} alerts, p50 ${fmt(median(pooled), 1)} ms, p99 ${fmt(quantile(pooled, 0.99), 1)} ms; alerts without a sent notification: ${missing}; ` +
      `error lines in opsdeck's log: ${runs.map((r) => r.logErrors.count).join(', ')}`,
    ...runs.flatMap((r) => r.logErrors.first.map((line) => `    ${line}`)).slice(0, 3),
  ].join('\n');
}

export function renderPaging(results: PagingResults, reps: number): string[] {
  const out: string[] = [];
  const label = reps > 1 ? `median of ${reps} runs` : 'one run';
  if (results.delivery.length) {
    out.push(`Paging: notifications delivered to a loopback webhook (${label}; PostgreSQL ${results.postgres})`, deliveryTable(results.delivery), '');
  }
  if (results.latency.length) out.push(`Paging: alert firing to first delivery (${label}; per-run percentiles)`, latencyTable(results), '');
  return out;
}
