import http from 'node:http';
import { quantile } from './bench-stats.ts';

export interface LoadResult {
  sent: number;
  /** Answers with the expected status. */
  ok: number;
  /** status -> count, for the others. */
  unexpected: Record<string, number>;
  elapsedMs: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * POSTs bodies[0..n) to url with `concurrency` requests in flight over keep-alive connections
 * (one per slot, as a sender's connection pool would), timing each from write to last byte.
 * The same client for every contender, so only the server differs.
 */
export async function postLoad(url: string, bodies: (i: number) => string, count: number, concurrency: number, expect: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let ok = 0;
  let next = 0;
  const one = (body: string): Promise<number> => new Promise((resolve, reject) => {
    const request = http.request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const body = bodies(next++);
      const t = performance.now();
      const status = await one(body).catch(() => -1);
      latencies.push(performance.now() - t);
      if (status === expect) ok++;
      else unexpected[String(status)] = (unexpected[String(status)] ?? 0) + 1;
    }
  }));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    sent: count, ok, unexpected, elapsedMs, perSec: (count / elapsedMs) * 1000,
    p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), maxMs: latencies.length ? Math.max(...latencies) : NaN,
  };
}
