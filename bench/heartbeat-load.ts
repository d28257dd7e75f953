/**
 * An open-loop ping load in a process of its own (so the client's CPU is not the server's):
 * --rate pings a second for --duration-ms, whatever the server's pace, over --sockets keep-alive
 * connections (pings due while all are busy wait in a queue, as a cron fleet's would). Latency is
 * measured from when each ping was due, not when a connection was free, so a server falling
 * behind shows in p99 instead of hiding in the client's queue. Pings rotate over the heartbeats:
 * every fourth a start with a rid, the next its end with the same rid, the others plain
 * successes, each with a body. Answers the figures once every ping has an answer.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
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
  /** The load process's own CPU, % of one core: near 100 means the client, not the server, set the pace. */
  clientCpuPct: number;
}

serveParent({});
const urls = (JSON.parse(readFileSync(arg('urls-file'), 'utf8')) as string[]).map((u) => new URL(u));
const rate = Number(arg('rate'));
const durationMs = Number(arg('duration-ms'));
const sockets = Number(arg('sockets'));
const body = 'x'.repeat(Number(arg('body-bytes')));
const total = Math.round((rate * durationMs) / 1000);
const latencies = new Float64Array(total);
const unexpected: Record<string, number> = {};
let sent = 0;
let answered = 0;
let ok = 0;
const rids = new Map<number, string>();
const host = `${urls[0]!.hostname}:${urls[0]!.port}`;

function requestText(i: number): string {
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
  return `POST ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
}

/**
 * A keep-alive connection speaking just enough HTTP/1.1: one request at a time, the answer read
 * by Content-Length. Node's http client costs several times the server's work per request, which
 * made the client, not the server, the limit at 10,000 a second.
 */
class Connection {
  private readonly socket: net.Socket;
  private readonly next: () => { i: number; dueAt: number } | null;
  private buffered: Buffer = Buffer.alloc(0);
  private current: { i: number; dueAt: number } | null = null;

  constructor(next: () => { i: number; dueAt: number } | null) {
    this.next = next;
    this.socket = net.connect({ host: urls[0]!.hostname, port: Number(urls[0]!.port) });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => this.pump());
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => {
      if (this.current) done(this.current.i, this.current.dueAt, -1);
      this.current = null;
    });
  }

  pump(): void {
    if (this.current || this.socket.connecting || this.socket.destroyed) return;
    this.current = this.next();
    if (this.current) this.socket.write(requestText(this.current.i));
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0 || !this.current) return;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffered.length < end + 4 + length) return;
    this.buffered = this.buffered.subarray(end + 4 + length);
    const { i, dueAt } = this.current;
    this.current = null;
    done(i, dueAt, Number(head.slice(9, 12)));
    this.pump();
  }
}

const due: { i: number; dueAt: number }[] = [];
let dueHead = 0;
const idle = () => (dueHead < due.length ? due[dueHead++]! : null);
const connections = Array.from({ length: sockets }, () => new Connection(idle));

let finish: () => void;
const finished = new Promise<void>((resolve) => (finish = resolve));
function done(i: number, dueAt: number, status: number): void {
  latencies[i] = performance.now() - dueAt;
  if (status === 200) ok++;
  else unexpected[String(status)] = (unexpected[String(status)] ?? 0) + 1;
  if (++answered === total) finish();
}

await new Promise((resolve) => setTimeout(resolve, 200));
const cpu = process.cpuUsage();
const started = performance.now();
// A timer every 2 ms queues every ping due by then and hands them to idle connections: the offered rate holds even when answers slow down.
const pacer = setInterval(() => {
  const dueNow = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
  while (sent < dueNow) {
    due.push({ i: sent, dueAt: started + (sent * 1000) / rate });
    sent++;
  }
  for (const c of connections) c.pump();
  if (sent === total) clearInterval(pacer);
}, 2);
await finished;
const elapsedMs = performance.now() - started;
const used = process.cpuUsage(cpu);
for (const c of connections) c.close();
const sorted = Array.from(latencies);
emit('done', {
  offeredPerSec: rate, sent, ok, unexpected, elapsedMs, perSec: (ok / elapsedMs) * 1000,
  p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.reduce((a, b) => Math.max(a, b), 0),
  clientCpuPct: ((used.user + used.system) / 1000 / elapsedMs) * 100,
} satisfies PingLoad);
