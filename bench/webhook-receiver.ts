/**
 * The loopback webhook receiver of the paging part, in a process of its own so
 * its CPU is nobody's contender: node:http with keep-alive, answering every POST
 * 200 "ok" after reading the body. It counts deliveries and distinct
 * Idempotency-Key headers (a duplicate would show as posts > keys). GETs are
 * the checks of the latency run: 503 for paths with ?fail, else 200.
 */
import { createServer } from 'node:http';
import { emit, serveParent } from './parent-link.ts';
import { createProcessMeter } from './process-meter.ts';

const OK = Buffer.from('ok');
const meter = createProcessMeter();
let posts = 0;
let gets = 0;
let bodyBytes = 0;
const keys = new Set<string>();

const server = createServer({ keepAlive: true }, (req, res) => {
  if (req.method !== 'POST') {
    gets++;
    const fail = (req.url ?? '').includes('?fail');
    res.writeHead(fail ? 503 : 200, { 'content-type': 'text/plain', 'content-length': OK.length });
    res.end(OK);
    req.resume();
    return;
  }
  req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
  req.on('end', () => {
    posts++;
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string') keys.add(key);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': OK.length });
    res.end(OK);
  });
});
server.keepAliveTimeout = 30_000;
server.headersTimeout = 35_000;

serveParent({
  reset() {
    posts = 0;
    gets = 0;
    bodyBytes = 0;
    keys.clear();
    meter.reset();
  },
  count() {
    return posts;
  },
  report() {
    return { posts, gets, keys: keys.size, bodyBytes, process: meter.snapshot() };
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
