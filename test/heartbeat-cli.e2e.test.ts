import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';

// `opsdeck heartbeat list` and `snippet`: the pasted crontab lines are run by sh as cron would
// (schedule fields cut off), and the pings they send are what the server stores.
describe('opsdeck heartbeat', () => {
  let app: Opsdeck;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dir = configDir({
      'opsdeck.yaml': `
organization: Heartbeat CLI
severities:
  P1: { name: Critical }
services:
  db: { name: Database }
heartbeats:
  nightly-backup: { name: Nightly backup, cron: "0 2 * * *", timezone: Europe/Berlin, grace: 1h, service: db }
  queue: { period: 15m, grace: 5m }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: app.bootstrapSecret! };
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** The snippet's lines for a job, without comments, and each with its five schedule fields cut off. */
  const lines = async (name: string, command: string) => {
    const out = await opsdeck(['heartbeat', 'snippet', name, '--command', command], env);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    return { text: out.stdout, commands: out.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(' ').slice(5).join(' ')) };
  };
  const sh = (script: string) => promisify(execFile)('sh', ['-c', script]);

  it('lists the heartbeats, new until their first ping', async () => {
    const out = await opsdeck(['heartbeat', 'list'], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^nightly-backup\s+NEW\s+never pinged\s+down at \d{4}-\d\d-\d\d \d\d:\d\dZ unless pinged$/m);
    expect(out.stdout).toMatch(/^queue\s+NEW\s+never pinged/m);
  });

  it('prints the crontab lines with the schedule, zone and ping URL, and they ping as written', async () => {
    const { text, commands } = await lines('nightly-backup', 'sh -c "echo backed up 42 GB; exit 0"');
    const url = (await (await fetch(`${app.url}/api/v1/heartbeats/nightly-backup`, { headers: { authorization: `Bearer ${env['OPSDECK_TOKEN']}` } })).json()).heartbeat.pingUrl;
    expect(text).toContain('# Nightly backup (nightly-backup): Opsdeck expects a ping cron "0 2 * * *" in Europe/Berlin, grace 1h.');
    expect(text).toContain('CRON_TZ=Europe/Berlin');
    expect(text).toContain(`0 2 * * * sh -c "echo backed up 42 GB; exit 0" && curl -fsS -m 10 --retry 5 -o /dev/null ${url}\n`);
    expect(commands).toHaveLength(2);

    await sh(commands[1]!);
    const pings = await app.store.heartbeats.pings('nightly-backup', { limit: 5 });
    expect(pings.map((p) => [p.kind, p.exitStatus, p.body])).toEqual([['success', 0, 'backed up 42 GB'], ['start', null, '']]);
    expect(pings[0]!.rid).toBe(pings[1]!.rid);
    expect(pings[0]!.durationMs).toBeGreaterThanOrEqual(0);
    await sh(commands[0]!);
    expect(await app.store.heartbeats.count('nightly-backup')).toBe(3);
  });

  it('reports a failing job with its exit status and output, and the plain line does not ping', async () => {
    const { commands } = await lines('queue', 'sh -c "echo disk full >&2; exit 3"');
    await sh(commands[0]!).catch(() => {});
    expect(await app.store.heartbeats.count('queue')).toBe(0);
    await sh(commands[1]!);
    const [end] = await app.store.heartbeats.pings('queue', { limit: 1 });
    expect(end).toMatchObject({ kind: 'fail', exitStatus: 3, body: 'disk full' });
    expect(app.store.heartbeats && (await opsdeck(['heartbeat', 'list'], env)).stdout).toMatch(/^queue\s+DOWN\s+last fail .* queue: the job reported a failure \(exit status 3\)/m);
  });

  it('says what is wrong for an unknown heartbeat', async () => {
    const out = await opsdeck(['heartbeat', 'snippet', 'nope'], env);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('no heartbeat "nope"; heartbeats: nightly-backup, queue');
  });
});
