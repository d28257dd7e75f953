/**
 * One autocannon load in a process of its own (so the client's CPU is not the server's), used
 * as a library: --url, --duration-s, --connections; answers the figures to the parent.
 */
import { createRequire } from 'node:module';
import { arg, emit, serveParent } from './parent-link.ts';

interface Histogram { average: number; p50: number; p99: number; max: number; total: number }
interface AutocannonResult { requests: Histogram; latency: Histogram; throughput: Histogram; non2xx: number; errors: number; timeouts: number; duration: number }
type Autocannon = (options: { url: string; connections: number; duration: number; pipelining: number }) => Promise<AutocannonResult>;

// autocannon ships no types; this is the part of its API the bench uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

serveParent({});
const result = await autocannon({ url: arg('url'), connections: Number(arg('connections')), duration: Number(arg('duration-s')), pipelining: 1 });
emit('done', {
  rps: result.requests.total / result.duration,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  bytesPerSec: result.throughput.average,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});
