import http from 'node:http';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { freshDatabase } from './support/dialects.ts';
import { freePort, killHard, startServerProcess, type ServerProcess } from './support/server-process.ts';

const KEY = 'crash0events0v2000000000000000001';
const BURST = 400;

/** POSTs bodies with `concurrency` in flight; the indexes answered 202. */
async function burst(url: string, bodies: string[], concurrency: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const accepted: number[] = [];
  let next = 0;
  const post = (body: string) => new Promise<number>((resolve) => {
    const request = http.request(`${url}/v2/enqueue`, { agent, method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(-1));
    request.end(body);
  });
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const i = next++;
      if ((await post(bodies[i]!)) === 202) accepted.push(i);
    }
  }));
  agent.destroy();
  return accepted;
}

async function count(dialect: 'sqlite' | 'postgres', dir: string, url: string | undefined, queries: string[]): Promise<number[]> {
  if (dialect === 'sqlite') {
    const db = new DatabaseSync(path.join(dir, '.opsdeck', 'opsdeck.db'));
    try {
      return queries.map((q) => Number((db.prepare(q).get() as { n: number }).n));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: number[] = [];
    for (const q of queries) out.push(Number((await client.query(q)).rows[0].n));
    return out;
  } finally {
    await client.end();
  }
}

// Accepting an event commits it and queues its pipeline work; the incident opens a moment later.
// kill -9 right after a burst of 202s, while the pipeline is still behind: after the restart
// every accepted trigger is one alert and one incident, and a key resolved in the burst is
// resolved (its fire and resolve reached the pipeline in that order).
describe.each(['sqlite', 'postgres'] as const)('Events v2 accepted events survive kill -9 on %s', (dialect) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  });

  it('opens exactly one incident for every accepted trigger after the restart', async (ctx) => {
    let env: Record<string, string> = { CRASH_EVENTS_KEY: KEY };
    if (dialect === 'postgres') {
      const db = await freshDatabase();
      if (!db) return ctx.skip();
      cleanup.push(db.drop);
      env = { ...env, DATABASE_URL: db.url };
    }
    const dir = configDir({
      'opsdeck.yaml': `
organization: Crash
severities:
  P1: { name: Critical }
services:
  web: { name: Web }
integrations:
  burst:
    events_v2: { service: web, routing_key_env: CRASH_EVENTS_KEY, rate_limit: 100000/s }
`,
    });
    const port = await freePort();
    let server: ServerProcess = await startServerProcess(dir, port, env);
    cleanup.push(async () => void server.child.kill('SIGKILL'));
    const admin = server.secret!;

    const event = (action: string, dedup: string) => JSON.stringify({
      routing_key: KEY, event_action: action, dedup_key: dedup, payload: { summary: `burst ${dedup}`, source: 'crash-test', severity: 'critical' },
    });
    // Triggers of new keys, then the first ten resolved: each a fire then a resolve of one key.
    const bodies = [...Array.from({ length: BURST }, (_, i) => event('trigger', `k${i}`)), ...Array.from({ length: 10 }, (_, i) => event('resolve', `k${i}`))];
    const accepted = await burst(server.url, bodies, 32);
    await killHard(server);
    expect(accepted.length).toBe(bodies.length);
    // What the dead process left: every event logged, and pipeline work still queued (else this test proves nothing).
    const left = await count(dialect, dir, env['DATABASE_URL'], [
      `select count(*) as n from inbound_events`, `select count(*) as n from alert_transitions`,
    ]);
    expect(left[0]).toBe(bodies.length);
    expect(left[1]).toBeGreaterThan(0);

    server = await startServerProcess(dir, port, env);
    const api = apiAs(server.url, admin);
    const all = async () => {
      const items: { key: string; status: string }[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = (await api('GET', `/incidents?status=all&limit=500&offset=${offset}`)).body;
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return items;
      }
    };
    const incidents = await waitFor('an incident for every accepted trigger', async () => {
      const items = await all();
      return items.length >= BURST && items.filter((i) => i.status === 'resolved').length >= 10 ? items : undefined;
    }, 30_000);
    // One incident per key, none twice, none missing.
    expect(incidents.map((i) => i.key).sort()).toEqual(Array.from({ length: BURST }, (_, i) => `events-v2:burst/k${i}`).sort());
    expect(incidents.filter((i) => i.status === 'resolved').map((i) => i.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `events-v2:burst/k${i}`).sort());
    // Each accepted trigger is one alert, and nothing waits in the queue.
    expect(await count(dialect, dir, env['DATABASE_URL'], [
      `select count(*) as n from external_alerts`, `select count(*) as n from alert_transitions`, `select count(*) as n from inbound_events`,
    ])).toEqual([BURST, 0, bodies.length]);
  }, 120_000);
});
