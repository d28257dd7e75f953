/**
 * The status-page bench's server process: Opsdeck with a page of 20 components (90 days of
 * history seeded, checks passing against the harness's target) and, in the same process and
 * runtime, a bare Fastify server answering a Buffer as long as the page. The parent loads each
 * from another process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { startOpsdeck } from '../src/app/index.ts';
import { arg, emit, serveParent } from './parent-link.ts';

const COMPONENTS = 20;
const DAY = 86_400_000;
const id = (n: number) => String(n).padStart(2, '0');

const dir = arg('dir');
const target = arg('target');
mkdirSync(dir, { recursive: true });
const component = (n: number) => `          - { id: c${id(n)}, name: Component ${id(n)}, description: "Serves part ${n} of the shop", services: [s${id(n)}] }`;
writeFileSync(join(dir, 'opsdeck.yaml'), `
organization: Bench Shop
severities:
  P1: { name: Critical }
services:
${Array.from({ length: COMPONENTS }, (_, i) => `  s${id(i + 1)}: { name: Service ${id(i + 1)}, checks: { health: { http: { url: "${target}/s${i}" }, every: 30s } } }`).join('\n')}
status_pages:
  public:
    title: Bench Shop status
    components:
      - group: Shop
        components:
${Array.from({ length: 10 }, (_, i) => component(i + 1)).join('\n')}
      - group: Platform
        components:
${Array.from({ length: 10 }, (_, i) => component(i + 11)).join('\n')}
`);

const app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'warn' }) });
// Each check has run for 95 days and was down once, n * 7 minutes, n days ago: every bar has data.
const now = Date.now();
for (let n = 1; n <= COMPONENTS; n++) {
  const checkId = `s${id(n)}/health`;
  await app.store.results.recordStateChange({ checkId, at: now - 95 * DAY, ok: false, reason: 'first run' });
  await app.store.results.recordStateChange({ checkId, at: now - 95 * DAY + 60_000, ok: true, reason: 'passing' });
  await app.store.results.recordStateChange({ checkId, at: now - n * DAY, ok: false, reason: '[STATUS] (503) == 200' });
  await app.store.results.recordStateChange({ checkId, at: now - n * DAY + n * 7 * 60_000, ok: true, reason: 'passing' });
}
const page = await fetch(`${app.url}/status`);
const bytes = Buffer.from(await page.arrayBuffer());

// The same bytes from a bare server: what the runtime and Fastify do with no status page behind them.
const bare = Fastify({ logger: false });
const body = Buffer.alloc(bytes.length, 'x');
bare.get('/static', async (_request, reply) =>
  reply.header('etag', '"static"').header('cache-control', 'public, max-age=10').type('text/html; charset=utf-8').send(body));
await bare.listen({ host: '127.0.0.1', port: 0 });
const port = (bare.server.address() as { port: number }).port;

serveParent({
  async stop() {
    await bare.close();
    await app.stop();
    setImmediate(() => process.exit(0));
  },
});
emit('ready', { page: `${app.url}/status`, static: `http://127.0.0.1:${port}/static`, bytes: bytes.length, status: page.status });
