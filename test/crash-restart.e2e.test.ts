import { afterAll, describe, expect, it } from 'vitest';
import { apiAs, waitFor } from './support/api.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { freshDatabase } from './support/dialects.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';
import { freePort, killHard, startServerProcess, type ServerProcess } from './support/server-process.ts';

// Acceptance: kill -9 of the server mid-run, then restart: open incidents,
// timelines and check history are intact and no incident is duplicated.
describe.each(['sqlite', 'postgres'] as const)('kill -9 and restart on %s', (dialect) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  });

  it('keeps incidents, timelines and history and opens no duplicate', async (ctx) => {
    let env: Record<string, string> = {};
    if (dialect === 'postgres') {
      const db = await freshDatabase();
      if (!db) return ctx.skip();
      cleanup.push(db.drop);
      env = { DATABASE_URL: db.url };
    }
    const target: HttpTarget = await startHttpTarget(503);
    cleanup.push(target.close);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Crash
${SEVERITIES}
services:
  web:
    checks:
      health: { http: { url: "${target.url}/" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 2s", severity: P1 }
`,
    });
    const port = await freePort();
    let server: ServerProcess = await startServerProcess(dir, port, env);
    cleanup.push(async () => void server.child.kill('SIGKILL'));
    const token = server.secret!;
    const api = apiAs(server.url, token);

    const incident = await waitFor('an incident', async () => (await api('GET', '/incidents?status=open')).body.items[0], 15_000);
    await api('POST', `/incidents/${incident.id}/notes`, { message: 'looking at it' });
    await waitFor('some history', async () => (await api('GET', '/checks/web/health/results?limit=100')).body.items.length >= 4);
    const before = (await api('GET', `/incidents/${incident.id}`)).body;
    const historyBefore = (await api('GET', '/checks/web/health/results?limit=1000')).body;

    await killHard(server);
    server = await startServerProcess(dir, port, env);
    expect(server.secret).toBeNull(); // not a first start: the store kept the tokens

    // Let the restarted engine run several times over the still-failing target.
    await waitFor('new results after restart', async () => {
      const items = (await api('GET', '/checks/web/health/results?limit=1000')).body.items;
      return items.length >= historyBefore.items.length + 3;
    }, 15_000);
    const after = (await api('GET', `/incidents/${incident.id}`)).body;
    expect(after.incident).toMatchObject({ id: incident.id, status: 'triggered', openedAt: incident.openedAt });
    expect(after.timeline.slice(0, before.timeline.length)).toEqual(before.timeline);
    const all = (await api('GET', '/incidents?status=all')).body;
    expect(all.total).toBe(1);
    const historyAfter = (await api('GET', '/checks/web/health/results?limit=1000')).body;
    const atsAfter = new Set(historyAfter.items.map((r: { at: number }) => r.at));
    for (const r of historyBefore.items) expect(atsAfter.has(r.at)).toBe(true);
    expect(historyAfter.stateChanges).toEqual(historyBefore.stateChanges);
  }, 60_000);
});
