/**
 * Opsdeck as the Events v2 contender: startOpsdeck on the given config (SQLite in its data_dir,
 * or PostgreSQL with --database-url and --schema), in a process of its own. The routing key
 * comes in the environment the config's routing_key_env names. Answers "counts" (what the store
 * holds, to check every event was kept) and "report" (its CPU over the window "reset" opened).
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
  async settle() {
    await app.settle();
    return {};
  },
  async counts() {
    // The pipeline runs after the 202 from the queued transitions: counted once it has caught up.
    await app.settle();
    const firing = await app.store.externalAlerts.list({ source: 'events-v2', limit: 1, offset: 0 });
    const incidents = await app.store.incidents.list({ limit: 1, offset: 0, status: 'open' });
    return { inbound: await app.store.inboundEvents.count({ source: 'events-v2' }), alerts: firing.total, openIncidents: incidents.total };
  },
  async stop() {
    await app.stop();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
});

emit('listening', { url: app.url });
