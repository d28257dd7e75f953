import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const SECRET = 'pa55-w0rd-xyz';

const RESTART = `---
title: Restart the API
parameters:
  NAMESPACE: { required: true, allowed: [staging, production] }
  DB_PASSWORD: { secret: true, required: true }
---
# Look

\`\`\`bash
echo "checking $NAMESPACE"
echo "password is $DB_PASSWORD"
\`\`\`

# Restart

\`\`\`bash {mutating}
echo "restarting in $NAMESPACE with $DB_PASSWORD"
\`\`\`
`;

const DIAGNOSE = `---
title: API down
---
# Diagnose

\`\`\`bash {readonly diagnostic}
echo "diagnostic: uptime ok"
\`\`\`

\`\`\`bash {mutating}
echo "should not run by itself"
\`\`\`
`;

/** Every SSE event of a stream until the server ends it. */
async function readStream(url: string, headers: Record<string, string> = {}): Promise<{ status: number; events: { id: string; event: string; data: any }[] }> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) return { status: response.status, events: [] };
  const text = await response.text();
  const events = text.split('\n\n').filter((b) => b.startsWith('id:')).map((block) => {
    const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))!.slice(name.length + 2);
    return { id: field('id'), event: field('event'), data: JSON.parse(field('data')) };
  });
  return { status: 200, events };
}

// Acceptance 4 through the API on each database: confirmation, roles, yes, the audit log and the
// stream with secrets masked; runs on an incident's timeline, and diagnostics when an alert opens one.
describe.each(DIALECTS)('runbook runs through the API on $name', (dialect) => {
  let app: Opsdeck;
  let target: HttpTarget;
  let schema: string | undefined;
  let admin: ReturnType<typeof apiAs>;
  let responder: ReturnType<typeof apiAs>;
  let viewer: ReturnType<typeof apiAs>;
  let responderSecret: string;
  let skip = false;

  beforeAll(async () => {
    const options = await dialect.options();
    if (!options) {
      skip = true;
      return;
    }
    schema = options.schema;
    target = await startHttpTarget(200);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Runbooks
severities:
  P1: { name: Critical }
services:
  api:
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms, expect: ["[STATUS] == 200"] }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "API is down", runbook: runbooks/api-down.md }
`,
    });
    mkdirSync(path.join(dir, 'runbooks'));
    writeFileSync(path.join(dir, 'runbooks/restart.md'), RESTART);
    writeFileSync(path.join(dir, 'runbooks/api-down.md'), DIAGNOSE);
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }), ...options });
    admin = apiAs(app.url, app.bootstrapSecret);
    responderSecret = (await admin('POST', '/tokens', { name: 'ana', role: 'responder' })).body.secret;
    responder = apiAs(app.url, responderSecret);
    viewer = apiAs(app.url, (await admin('POST', '/tokens', { name: 'vic', role: 'viewer' })).body.secret);
  });

  afterAll(async () => {
    await app?.stop();
    await target?.close();
    if (schema) await dropSchema(schema);
  });

  it('lists runbooks with their steps\' risk', async ({ skip: skipTest }) => {
    if (skip) skipTest();
    const { body } = await viewer('GET', '/runbooks');
    expect(body.items.map((r: { id: string }) => r.id).sort()).toEqual(['runbooks/api-down.md', 'runbooks/restart.md']);
    const one = await viewer('GET', `/runbooks/view?id=${encodeURIComponent('runbooks/restart.md')}`);
    expect(one.body.runbook.steps.map((s: { risk: string }) => s.risk)).toEqual(['readonly', 'mutating']);
    expect(one.body.runbook.steps[0]).not.toHaveProperty('script');
    expect((await viewer('GET', '/runbooks/view?id=nope.md')).status).toBe(404);
  });

  it('refuses a viewer, yes from a responder, and a bad parameter, in words', async ({ skip: skipTest }) => {
    if (skip) skipTest();
    const params = { NAMESPACE: 'staging', DB_PASSWORD: SECRET };
    expect(await viewer('POST', '/runbook-runs', { runbook: 'runbooks/restart.md', params })).toEqual({
      status: 403, body: { error: `runbook "runbooks/restart.md" may be run by responder, admin; your token's role is viewer` },
    });
    const yes = await responder('POST', '/runbook-runs', { runbook: 'runbooks/restart.md', params, yes: true });
    expect(yes.status).toBe(403);
    expect(yes.body.field).toBe('yes');
    expect(await responder('POST', '/runbook-runs', { runbook: 'runbooks/restart.md', params: { ...params, NAMESPACE: 'dev' } })).toEqual({
      status: 400, body: { error: 'parameter NAMESPACE must be one of staging, production; found "dev"', field: 'params.NAMESPACE' },
    });
    expect((await responder('POST', '/runbook-runs', { runbook: 'runbooks/restart.md', params: { NAMESPACE: 'staging' } })).body.field).toBe('params.DB_PASSWORD');
  });

  it('waits for confirmation of the mutating step, streams live with the secret masked, and audits who ran what', async ({ skip: skipTest }) => {
    if (skip) skipTest();
    const started = await responder('POST', '/runbook-runs', { runbook: 'runbooks/restart.md', params: { NAMESPACE: 'production', DB_PASSWORD: SECRET } });
    expect(started.status).toBe(200);
    const id = started.body.run.id;
    expect(started.body.run.params).toEqual({ NAMESPACE: 'production', DB_PASSWORD: '••••' });
    const waiting = await waitFor('the mutating step to wait', async () => {
      const { body } = await viewer('GET', `/runbook-runs/${id}`);
      return body.steps[1].status === 'waiting' ? body : null;
    });
    expect(waiting.run.status).toBe('waiting');
    expect(waiting.steps[1].output).toBe('');
    expect(waiting.steps[0].output).toBe('checking production\npassword is ••••\n');

    // Follow with ?token= as the console's EventSource does; it ends when the run does.
    expect((await fetch(`${app.url}/api/v1/runbook-runs/${id}/stream`)).status).toBe(401);
    const stream = readStream(`${app.url}/api/v1/runbook-runs/${id}/stream?token=${responderSecret}`);
    expect((await viewer('POST', `/runbook-runs/${id}/steps/1/confirm`)).status).toBe(403);
    const confirmed = await responder('POST', `/runbook-runs/${id}/steps/1/confirm`);
    expect(confirmed.status).toBe(200);
    const { events } = await stream;
    expect(events.filter((e) => e.event !== 'output').map((e) => [e.event, e.data])).toEqual([
      ['run', { status: 'running' }],
      ['step', { index: 0, status: 'running', exitCode: null }],
      ['step', { index: 0, status: 'succeeded', exitCode: 0 }],
      ['step', { index: 1, status: 'waiting', exitCode: null }],
      ['run', { status: 'waiting' }],
      ['run', { status: 'running' }],
      ['step', { index: 1, status: 'running', exitCode: null }],
      ['step', { index: 1, status: 'succeeded', exitCode: 0 }],
      ['run', { status: 'succeeded' }],
    ]);
    // Output arrives in chunks as the process writes; joined per step it is the step's output, masked.
    const outputOf = (index: number) => events.filter((e) => e.event === 'output' && e.data.index === index).map((e) => e.data.text).join('');
    expect([outputOf(0), outputOf(1)]).toEqual(['checking production\npassword is ••••\n', 'restarting in production with ••••\n']);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_e, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ event: 'run', data: { status: 'succeeded' } });
    // A reconnect after the last event gets nothing again.
    expect((await readStream(`${app.url}/api/v1/runbook-runs/${id}/stream`, { authorization: `Bearer ${responderSecret}`, 'last-event-id': events.at(-1)!.id })).events).toEqual([]);

    const view = (await viewer('GET', `/runbook-runs/${id}`)).body;
    expect(view.steps.map((s: { status: string; exitCode: number }) => [s.status, s.exitCode])).toEqual([['succeeded', 0], ['succeeded', 0]]);
    expect(view.steps[1]).toMatchObject({ actor: 'token:ana' });
    const audit = await app.store.audit.list(50);
    const finish = audit.find((a) => a.action === 'runbook.run.finish' && a.target === `runbook-run:${id}`);
    expect(finish).toMatchObject({ actor: 'token:ana', data: { runbook: 'runbooks/restart.md', params: { NAMESPACE: 'production', DB_PASSWORD: '••••' }, status: 'succeeded' } });
    expect(audit.find((a) => a.action === 'POST /runbook-runs')?.data).toMatchObject({ params: { NAMESPACE: '••••', DB_PASSWORD: '••••' } });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it('cancels a run waiting for confirmation; the rest is cancelled', async ({ skip: skipTest }) => {
    if (skip) skipTest();
    const { body } = await responder('POST', '/runbook-runs', { runbook: 'runbooks/restart.md', params: { NAMESPACE: 'staging', DB_PASSWORD: SECRET } });
    await waitFor('waiting', async () => (await viewer('GET', `/runbook-runs/${body.run.id}`)).body.run.status === 'waiting');
    const cancelled = await responder('POST', `/runbook-runs/${body.run.id}/cancel`);
    expect(cancelled.body.run.status).toBe('cancelled');
    expect((await viewer('GET', `/runbook-runs/${body.run.id}`)).body.steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'cancelled']);
    expect((await responder('POST', `/runbook-runs/${body.run.id}/steps/1/confirm`))).toEqual({ status: 409, body: { error: `run ${body.run.id} has ended (cancelled)` } });
  });

  it('runs diagnostics when an alert opens an incident naming the runbook, and links a responder\'s run on the timeline', async ({ skip: skipTest }) => {
    if (skip) skipTest();
    target.setStatus(503);
    const incident = await waitFor('the incident', async () => (await viewer('GET', '/incidents')).body.items[0], 15_000);
    const diagnostic = await waitFor('the diagnostics on the timeline', async () => {
      const { body } = await viewer('GET', `/incidents/${incident.id}`);
      return body.timeline.find((e: { kind: string; message: string }) => e.kind === 'runbook' && e.message.includes('diagnostic: uptime ok'));
    });
    expect(diagnostic).toMatchObject({ actor: 'system', data: { index: 0, status: 'succeeded', exitCode: 0 } });
    const runs = (await viewer('GET', `/runbook-runs?incident=${incident.id}`)).body;
    expect(runs.total).toBe(1);
    const diagnosticRun = await waitFor('diagnostics to finish', async () => {
      const { body } = await viewer('GET', `/runbook-runs/${runs.items[0].id}`);
      return body.run.endedAt !== null ? body : null;
    });
    expect(diagnosticRun.run).toMatchObject({ actor: 'system', status: 'succeeded' });
    expect(diagnosticRun.steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'skipped']);

    const mine = await responder('POST', '/runbook-runs', { runbook: 'runbooks/api-down.md', incident: incident.id, dryRun: true });
    await waitFor('the dry run on the timeline', async () => {
      const { body } = await viewer('GET', `/incidents/${incident.id}`);
      return body.timeline.some((e: { kind: string; message: string }) => e.kind === 'runbook' && e.message === `Dry run of runbook "API down" succeeded (run #${mine.body.run.id})`);
    });
    expect((await responder('POST', '/runbook-runs', { runbook: 'runbooks/api-down.md', incident: 99999 })).status).toBe(404);
    target.setStatus(200);
  });
});
