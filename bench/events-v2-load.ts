import net from 'node:net';
import { quantile } from './bench-stats.ts';

export interface LoadResult {
  sent: number;
  /** Answers with the expected status. */
  ok: number;
  /** status -> count, for the others (-1: the connection failed). */
  unexpected: Record<string, number>;
  elapsedMs: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The client's own CPU over the load, % of one core: near 100 would mean the client set the pace. */
  clientCpuPct: number;
}

/**
 * POSTs bodies[0..n) to url with `concurrency` requests in flight over keep-alive connections
 * (one per slot, as a sender's connection pool would), timing each from write to last byte.
 * The same client for every contender, so only the server differs. It speaks just enough
 * HTTP/1.1 (answers read by Content-Length), as bench/heartbeat-load.ts does: Node's http client
 * spent 60 to 90% of a core at these rates on this two-core bench machine and held both
 * contenders back, Alertmanager most (same session, 4,000 requests, 32 in flight: Alertmanager
 * 12-16k/s with it, 21-25k/s without; opsdeck SQLite 6.4-9.0k/s, 8.5-10.8k/s).
 */
export async function postLoad(url: string, bodies: (i: number) => string, count: number, concurrency: number, expect: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const target = new URL(url);
  const head = `POST ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\ncontent-type: application/json\r\n` +
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let ok = 0;
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const slot = (): Promise<void> => new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port) });
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    const answered = (status: number) => {
      latencies.push(performance.now() - sentAt);
      if (status === expect) ok++;
      else unexpected[String(status)] = (unexpected[String(status)] ?? 0) + 1;
    };
    const send = () => {
      if (next >= count) {
        socket.destroy();
        resolve();
        return;
      }
      const body = bodies(next++);
      sentAt = performance.now();
      socket.write(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    socket.on('connect', send);
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = buffered.subarray(0, end).toString('latin1');
      const length = /content-length: *(\d+)/i.exec(text);
      if (!length) {
        // Chunked or close-delimited answers are not spoken here: count it failed and stop this slot.
        answered(-1);
        socket.destroy();
        resolve();
        return;
      }
      if (buffered.length < end + 4 + Number(length[1])) return;
      buffered = buffered.subarray(end + 4 + Number(length[1]));
      answered(Number(text.slice(9, 12)));
      send();
    });
    socket.on('error', () => {
      answered(-1);
      resolve();
    });
  });
  await Promise.all(Array.from({ length: concurrency }, slot));
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    sent: count, ok, unexpected, elapsedMs, perSec: (count / elapsedMs) * 1000,
    p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), maxMs: latencies.length ? Math.max(...latencies) : NaN,
    clientCpuPct: ((used.user + used.system) / 1000 / elapsedMs) * 100,
  };
}
