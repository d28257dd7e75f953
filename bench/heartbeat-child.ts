/**
 * Opsdeck as the heartbeat ingest contender: startOpsdeck on the given config (SQLite in its
 * data_dir, or PostgreSQL with --database-url and --schema), in a process of its own. Emits
 * "listening" with every ping URL (read through the API, as a user would); answers "counts" (pings
 * stored, and the transactions the group commit took) and "report" (CPU over the window "reset" opened).
 */
import { arg, emit, serveParent } from './parent-link.ts';
import { createProcessMeter } from './process-meter.ts';

const meter = createProcessMeter();
const { startOpsdeck } = await import('../src/app/index.ts');
const databaseUrl = process.argv.find((a) => a.startsWith('--database-url=')) ? arg('database-url') : undefined;
const app = await startOpsdeck({
  configDir: arg('config'), listen: { host: '127.0.0.1', port: 0 }, watch: false,
  ...(databaseUrl ? { databaseUrl, schema: arg('schema') } : {}),
});

serveParent({
  reset() {
    meter.reset();
  },
  report() {
    return meter.snapshot();
  },
  async counts() {
    return { pings: await app.store.heartbeats.count() };
  },
  async stop() {
    await app.stop();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
});

const listed = await fetch(`${app.url}/api/v1/heartbeats`, { headers: { authorization: `Bearer ${app.bootstrapSecret}` } }).then((r) => r.json()) as { items: { pingUrl: string }[] };
emit('listening', { url: app.url, pingUrls: listed.items.map((h) => h.pingUrl) });
