import { afterAll, describe, expect, it } from 'vitest';
import { startHttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { freshDatabase } from './support/dialects.ts';
import { startHttpTarget } from './support/http-target.ts';
import { freePort, killHard, startServerProcess, type ServerProcess } from './support/server-process.ts';

// Acceptance 4: kill -9 of the process after an incident is committed but before its notification
// is delivered: after restart the notification is delivered, and the receiver sees one idempotency
// key for it. The receiver holds the first request open, so the process dies mid-send.
describe.each(['sqlite', 'postgres'] as const)('a notification survives kill -9 on %s', (dialect) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  });

  it('is delivered after the restart, under the same idempotency key', async (ctx) => {
    let env: Record<string, string> = {};
    if (dialect === 'postgres') {
      const db = await freshDatabase();
      if (!db) return ctx.skip();
      cleanup.push(db.drop);
      env = { DATABASE_URL: db.url };
    }
    const target = await startHttpTarget(503);
    cleanup.push(target.close);
    const hooks = await startHttpReceiver((index) => (index === 0 ? 'hang' : { status: 200, body: 'ok' }));
    cleanup.push(hooks.close);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Crash
severities:
  P1: { name: Critical }
users:
  ana: { name: Ana Lima, contact: { webhook: "${hooks.url}/ana" } }
notifications:
  default_policy: page-ana
escalation_policies:
  page-ana: { levels: [ { after: 0s, notify: [user:ana] } ] }
services:
  web:
    checks:
      health: { http: { url: "${target.url}/" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1 }
`,
    });
    const port = await freePort();
    let server: ServerProcess = await startServerProcess(dir, port, env);
    cleanup.push(async () => void server.child.kill('SIGKILL'));
    const api = apiAs(server.url, server.secret);

    await waitFor('the first delivery attempt, held open', async () => hooks.requests[0], 20_000);
    await killHard(server);
    server = await startServerProcess(dir, port, env);

    // The dead process's lease on the row runs out, then the new one sends it again.
    await waitFor('the second delivery attempt', async () => hooks.requests[1], 45_000);
    const keys = new Set(hooks.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const sent = await waitFor('the notification marked sent', async () => (await api('GET', '/notifications?status=sent')).body.items[0], 10_000);
    expect(sent.key).toBe([...keys][0]);
    expect((await api('GET', '/incidents?status=all')).body.total).toBe(1);
    expect((await api('GET', '/notifications')).body.total).toBe(1);
  }, 90_000);
});
