import { medianOf } from './bench-stats.ts';
import type { EventsContender, EventsResults, EventsRun } from './events-v2-bench.ts';
import type { LoadResult } from './events-v2-load.ts';
import { fmt, textTable } from './text-table.ts';

const HEADS: Record<EventsContender, string> = { alertmanager: 'Alertmanager', sqlite: 'opsdeck SQLite', postgres: 'opsdeck PostgreSQL' };

/** Events v2 ingest side by side with Alertmanager's; goal: opsdeck, every event stored, at or above Alertmanager's rate. */
export function renderEvents(results: EventsResults, reps: number): string[] {
  const contenders = (Object.keys(HEADS) as EventsContender[]).filter((c) => results.runs.some((r) => r.contender === c));
  if (contenders.length === 0) return [];
  const med = (c: EventsContender, pick: (r: EventsRun) => number): number => medianOf(results.runs.filter((r) => r.contender === c), pick);
  const row = (label: string, pick: (r: EventsRun) => number, d: number): string[] => [label, ...contenders.map((c) => fmt(med(c, pick), d))];
  const am = contenders.includes('alertmanager') ? med('alertmanager', (r) => r.fresh.perSec) : null;
  const goal = (c: EventsContender, load: 'fresh' | 'updates'): string => {
    if (c === 'alertmanager') return '';
    const base = med('alertmanager', (r) => r[load].perSec);
    const mine = med(c, (r) => r[load].perSec);
    if (!Number.isFinite(base)) return '';
    return `${fmt((mine / base) * 100, 0)}% ${mine >= base ? 'ok' : 'MISSED'}`;
  };
  const load = (name: string, key: 'fresh' | 'updates'): string[][] => [
    row(`${name}: events per second`, (r) => r[key].perSec, 0),
    [`  share of Alertmanager's rate (goal >= 100%)`, ...contenders.map((c) => goal(c, key))],
    row(`  latency p50, ms`, (r) => r[key].p50Ms, 1),
    row(`  latency p99, ms`, (r) => r[key].p99Ms, 1),
    row(`  latency max, ms`, (r) => r[key].maxMs, 1),
    row(`  CPU, % of one core`, (r) => r.cpuPct[key], 0),
    row(`  the client's CPU, % of one core`, (r) => r[key].clientCpuPct, 0),
    row(`  answers not 2xx`, (r) => r[key].sent - r[key].ok, 0),
  ];
  const opened = [`  every incident open, s after the first alert sent`, ...contenders.map((c) => (c === 'alertmanager' ? '-' : fmt(med(c, (r) => r.incidentsOpenS ?? NaN), 2)))];
  const rows = [['', ...contenders.map((c) => HEADS[c])], ...load('new alerts', 'fresh'), opened, ...load(`updates on ${results.updateKeys} keys`, 'updates')];
  const stored = results.runs.filter((r) => r.stored !== null);
  const lost = stored.filter((r) => r.stored!.inbound !== r.stored!.expected);
  const unexpected = (l: LoadResult): string => Object.entries(l.unexpected).map(([s, n]) => `${n}x ${s}`).join(', ');
  const failures = results.runs.flatMap((r) => [r.fresh, r.updates].filter((l) => l.ok !== l.sent).map((l) => `${HEADS[r.contender]} #${r.rep + 1}: ${unexpected(l)}`));
  return [
    `Events v2 ingest against Alertmanager's POST /api/v2/alerts (${reps > 1 ? `median of ${reps} runs` : 'one run'}; PostgreSQL ${results.postgres}; ${results.alertmanager})`,
    textTable(rows),
    `  each load: ${fmt(results.count)} requests, ${results.concurrency} in flight over keep-alive connections from one client in the harness (raw HTTP/1.1 on sockets; Node's http client was itself the limit); bodies ${results.bodyBytes.eventsV2} bytes (Events v2 trigger) and ${results.bodyBytes.alertmanager} bytes (one alert).`,
    `  opsdeck answers 202 only after the event is in its inbound log and the alert and its queued pipeline transition are committed (the incident opens from the queue after the 202; the updates load starts once every incident of the new alerts is open, and the counts below are read once the queue is empty); Alertmanager keeps alerts in memory (its 200 means accepted, not on disk).`,
    `  opsdeck stores every event: ${stored.length === 0 ? '-' : lost.length === 0 ? `yes (${stored.map((r) => `${HEADS[r.contender]} #${r.rep + 1}: ${fmt(r.stored!.inbound)} logged, ${fmt(r.stored!.alerts)} alerts, ${fmt(r.stored!.openIncidents)} open incidents`).join('; ')})` : `NO (${lost.map((r) => `${HEADS[r.contender]} #${r.rep + 1}: ${r.stored!.inbound} of ${r.stored!.expected}`).join('; ')})`}` +
      `; error lines in opsdeck's log: ${results.runs.filter((r) => r.contender !== 'alertmanager').map((r) => r.logErrors).join(', ') || '-'}`,
    ...(failures.length ? [`  answers not 2xx: ${failures.join('; ')}`] : []),
    '',
  ];
}
