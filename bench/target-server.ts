/**
 * The loopback target every contender checks: node:http with keep-alive,
 * answering 200 {"status":"UP"} (503 for paths with ?fail). It also watches
 * the arrivals: each request's path names its check, whose slot is
 * phaseOf(id, interval), so the target measures how late each request arrived
 * after its slot the same way for every contender, whatever the contender
 * reports about itself.
 */
import { createServer } from 'node:http';
import { createLatenessHistogram } from '../src/engine/index.ts';
import { phaseOf } from '../src/engine/index.ts';
import { idFromPath } from './bench-fleet.ts';
import { arg, emit, serveParent } from './parent-link.ts';
import { createProcessMeter } from './process-meter.ts';

const intervalMs = Number(arg('interval-ms'));
const UP = Buffer.from('{"status":"UP"}');
const DOWN = Buffer.from('{"status":"DOWN"}');
const phases = new Map<string, number>();
const lateness = createLatenessHistogram();
const meter = createProcessMeter();
let requests = 0;
let early = 0;
// First arrival of each check since mark(): how long until every check has been probed after a restart.
let firstSeen: Map<string, number> | null = null;
let expected = 0;
let completeAt: number | null = null;

function observe(url: string, at: number): void {
  const id = idFromPath(url);
  let phase = phases.get(id);
  if (phase === undefined) {
    phase = phaseOf(id, intervalMs);
    phases.set(id, phase);
  }
  const late = (((at - phase) % intervalMs) + intervalMs) % intervalMs;
  // More than half an interval "late" is a request that came in before its slot (clock granularity).
  if (late > intervalMs / 2) early++;
  else lateness.record(late);
  if (firstSeen !== null && !firstSeen.has(id)) {
    firstSeen.set(id, at);
    if (firstSeen.size === expected) completeAt = at;
  }
}

const server = createServer({ keepAlive: true }, (req, res) => {
  const at = Date.now();
  requests++;
  const url = req.url ?? '/';
  observe(url, at);
  const fail = url.includes('?fail');
  res.writeHead(fail ? 503 : 200, { 'content-type': 'application/json', 'content-length': fail ? DOWN.length : UP.length });
  res.end(fail ? DOWN : UP);
});
server.keepAliveTimeout = 30_000;
server.headersTimeout = 35_000;

serveParent({
  reset() {
    lateness.reset();
    requests = 0;
    early = 0;
    meter.reset();
  },
  report() {
    return { requests, early, lateness: lateness.summary(), process: meter.snapshot() };
  },
  mark(data) {
    expected = (data as { expect: number }).expect;
    firstSeen = new Map();
    completeAt = null;
    return Date.now();
  },
  markStatus() {
    return { seen: firstSeen?.size ?? 0, completeAt };
  },
  stop() {
    server.closeAllConnections();
    server.close();
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  emit('ready', { port: typeof address === 'object' && address ? address.port : 0 });
});
