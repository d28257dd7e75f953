/**
 * An open-loop ping load in a process of its own (so the client's CPU is not the server's):
 * --rate pings a second for --duration-ms, whatever the server's pace, over keep-alive
 * connections (at most --sockets; more wait in the pool as a cron fleet's would queue). Latency is
 * measured from when each ping was due, not when a socket was free, so a server falling behind
 * shows in p99 instead of hiding in the client's queue. Pings rotate over the heartbeats: every
 * fourth a start with a rid, the next its end with the same rid, the others plain successes, each
 * with a body. Answers the figures once every ping has an answer.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { quantile } from './bench-stats.ts';
import { arg, emit, serveParent } from './parent-link.ts';

export interface PingLoad {
  offeredPerSec: number;
  sent: number;
  ok: number;
  unexpected: Record<string, number>;
  /** From the first ping due to the last answer. */
  elapsedMs: number;
  /** Answered OK per second over elapsedMs. */
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

serveParent({});
const urls = (JSON.parse(readFileSync(arg('urls-file'), 'utf8')) as string[]).map((u) => new URL(u));
const rate = Number(arg('rate'));
const durationMs = Number(arg('duration-ms'));
const sockets = Number(arg('sockets'));
const body = 'x'.repeat(Number(arg('body-bytes')));
const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
const total = Math.round((rate * durationMs) / 1000);
const latencies = new Float64Array(total);
const unexpected: Record<string, number> = {};
let sent = 0;
let answered = 0;
let ok = 0;
const rids = new Map<number, string>();

function send(i: number, dueAt: number): void {
  const url = urls[Math.floor(i / 4) % urls.length]!;
  const phase = i % 4;
  let path = url.pathname;
  if (phase === 0) {
    const rid = randomUUID();
    rids.set(i, rid);
    path += `/start?rid=${rid}`;
  } else if (phase === 1) {
    path += `/0?rid=${rids.get(i - 1)}`;
    rids.delete(i - 1);
  }
  const request = http.request({ agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': body.length } }, (response) => {
    response.resume();
    response.on('end', () => done(i, dueAt, response.statusCode ?? 0));
  });
  request.on('error', () => done(i, dueAt, -1));
  request.end(body);
}

let finish: () => void;
const finished = new Promise<void>((resolve) => (finish = resolve));
function done(i: number, dueAt: number, status: number): void {
  latencies[i] = performance.now() - dueAt;
  if (status === 200) ok++;
  else unexpected[String(status)] = (unexpected[String(status)] ?? 0) + 1;
  if (++answered === total) finish();
}

const started = performance.now();
// A timer every 2 ms sends every ping due by then: the offered rate holds even when answers slow down.
const pacer = setInterval(() => {
  const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
  while (sent < due) {
    send(sent, started + (sent * 1000) / rate);
    sent++;
  }
  if (sent === total) clearInterval(pacer);
}, 2);
await finished;
const elapsedMs = performance.now() - started;
agent.destroy();
const sorted = Array.from(latencies);
emit('done', {
  offeredPerSec: rate, sent, ok, unexpected, elapsedMs, perSec: (ok / elapsedMs) * 1000,
  p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.reduce((a, b) => Math.max(a, b), 0),
} satisfies PingLoad);
