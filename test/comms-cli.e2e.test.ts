import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

// `opsdeck updates` against a running server, through the API only.
describe('opsdeck updates', () => {
  let app: Opsdeck;
  let down: HttpTarget;
  let env: Record<string, string>;

  beforeAll(async () => {
    down = await startHttpTarget(503);
    const dir = configDir({
      'opsdeck.yaml': `
organization: CLI Comms
severities:
  P1: { name: Critical, update_every: 30m }
services:
  shop:
    name: Shop
    checks:
      health: { http: { url: "${down.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Shop is down" }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: app.bootstrapSecret! };
  });
  afterAll(async () => {
    await app?.stop();
    await down?.close();
  });

  it('posts from a template and from a message, lists them with the cadence, and says what is missing', async () => {
    const incident = await waitFor('the incident', async () => (await apiAs(app.url, app.bootstrapSecret)('GET', '/incidents')).body.items[0], 15_000);

    const templates = await opsdeck(['updates', 'templates'], env);
    expect(templates.stdout).toMatch(/^customer-update\s+public\s+Customer communication$/m);

    const fromTemplate = await opsdeck(['updates', 'post', String(incident.id), '--public', '--template', 'customer-update', '--status', 'identified'], env);
    expect(fromTemplate).toMatchObject({ code: 0, stderr: '' });
    expect(fromTemplate.stdout).toMatch(/public\s+identified\s+token:bootstrap-admin/);
    expect(fromTemplate.stdout).toContain('    We are currently experiencing [brief non-technical description] with our shop service.');
    expect(fromTemplate.stdout).toContain('queued for 0 subscribers');

    const note = await opsdeck(['updates', 'post', String(incident.id), '--message', 'Rolling back the deploy'], env);
    expect(note.stdout).toMatch(/internal\s+identified/);

    const list = await opsdeck(['updates', 'list', String(incident.id)], env);
    expect(list.stdout.match(/^\d{4}-\d\d-\d\d \d\d:\d\dZ {2}(public|internal)/gm)?.map((l) => l.slice(-8).trim())).toEqual(['public', 'internal']);
    expect(list.stdout).toMatch(/^next public update due \d{4}-\d\d-\d\d \d\d:\d\dZ$/m);

    const neither = await opsdeck(['updates', 'post', String(incident.id), '--public'], env);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('give --message "<text>" or --template <id>');
    const unknown = await opsdeck(['updates', 'post', String(incident.id), '--template', 'nope'], env);
    expect(unknown.stderr).toContain('400: unknown template "nope"; templates: internal-update, customer-update, incident-report');
  }, 60_000);
});
