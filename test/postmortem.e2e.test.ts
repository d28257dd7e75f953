import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { startHttpReceiver, type HttpReceiver } from '../src/notify/channels/test-support/http-receiver.ts';
import { remindOverdueActions } from '../src/postmortems/index.ts';
import { systemClock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

// Acceptance 6: a post-mortem generated from a resolved incident contains every timeline event in
// order, and its action items are listed and remind when overdue (here to a real webhook on loopback).
describe('a post-mortem from a real incident', () => {
  let app: Opsdeck;
  let target: HttpTarget;
  let hooks: HttpReceiver;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    target = await startHttpTarget(200);
    hooks = await startHttpReceiver(() => ({ status: 200, body: 'ok' }));
    const dir = configDir({
      'opsdeck.yaml': `
organization: Postmortems
severities:
  P1: { name: Critical, respond_within: 15m, resolve_within: 4h, escalation: default }
users:
  ana: { name: Ana Lima, contact: { webhook: "${hooks.url}/ana" } }
escalation_policies:
  default:
    levels:
      - { after: 0s, notify: [user:ana] }
services:
  web:
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms, expect: ["[STATUS] == 200"] }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Web is down" }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
  });

  afterAll(async () => {
    await app?.stop();
    await target?.close();
    await hooks?.close();
  });

  it('drafts every timeline event in order, tracks action items and reminds of an overdue one once', async () => {
    target.setStatus(503);
    const incident = await waitFor('the incident', async () => (await api('GET', '/incidents')).body.items[0], 15_000);
    await waitFor('ana is paged', async () => hooks.requests.find((r) => r.path === '/ana'), 10_000);
    expect((await api('POST', `/incidents/${incident.id}/postmortem`)).status).toBe(409);

    expect((await api('POST', `/incidents/${incident.id}/acknowledge`)).status).toBe(200);
    expect((await api('POST', `/incidents/${incident.id}/notes`, { message: 'Connection pool exhausted on web-2.\nRaised max_connections.' })).status).toBe(200);
    expect((await api('POST', `/incidents/${incident.id}/status`, { status: 'identified' })).status).toBe(200);
    expect((await api('POST', `/incidents/${incident.id}/notes`, { message: 'Rolling restart | done' })).status).toBe(200);
    target.setStatus(200);
    const detail = await waitFor('auto-resolve', async () => {
      const { body } = await api('GET', `/incidents/${incident.id}`);
      return body.incident.status === 'resolved' ? body : null;
    }, 15_000);

    const generated = await api('POST', `/incidents/${incident.id}/postmortem`);
    expect(generated.status).toBe(200);
    const markdown: string = generated.body.postmortem.body;
    const timeline: { kind: string; actor: string; message: string }[] = detail.timeline;
    expect(timeline.length).toBeGreaterThanOrEqual(7);
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['alert', 'escalation', 'delivery', 'status', 'note']));
    // Every event, in order: each message's first line is found after the previous event's.
    const section = markdown.slice(markdown.indexOf('## Timeline'), markdown.indexOf('## Status updates'));
    let previous = -1;
    for (const event of timeline) {
      const line = `· ${event.kind} · \`${event.actor}\` · ${event.message.split('\n')[0]}`;
      const at = section.indexOf(line, previous + 1);
      expect(at, `"${line}" after position ${previous}`).toBeGreaterThan(previous);
      previous = at;
    }
    expect(section).toContain('  Raised max_connections.');
    expect(markdown).toContain('- **Acknowledged:**');
    expect(markdown).toMatch(/target 15m: met/);

    expect((await api('POST', `/incidents/${incident.id}/postmortem`)).status).toBe(409);
    expect((await api('POST', `/incidents/${incident.id}/postmortem?regenerate=true`)).status).toBe(200);

    const overdue = (await api('POST', `/incidents/${incident.id}/actions`, { title: 'Alert on pool saturation', owner: 'ana', due: '2026-01-01' })).body.action;
    const later = (await api('POST', `/incidents/${incident.id}/actions`, { title: 'Load test the pool', owner: 'Platform team', due: '2099-01-01' })).body.action;
    const bad = await api('POST', `/incidents/${incident.id}/actions`, { title: 'x', owner: 'ana', due: 'someday' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'due' } });

    const edited = (await api('GET', `/incidents/${incident.id}/postmortem`)).body.postmortem.body.replace('## Summary\n\n_To fill in._', '## Summary\n\nThe pool ran dry.');
    expect((await api('PUT', `/incidents/${incident.id}/postmortem`, { body: edited })).status).toBe(200);
    expect((await api('POST', `/incidents/${incident.id}/postmortem/publish`)).body.postmortem.state).toBe('published');

    const exported = await fetch(`${app.url}/api/v1/incidents/${incident.id}/postmortem.md`, { headers: { authorization: `Bearer ${app.bootstrapSecret}` } });
    expect(exported.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await exported.text();
    expect(text).toContain('The pool ran dry.');
    expect(text).toContain(`| ${overdue.id} | Alert on pool saturation | ana | 2026-01-02 00:00:00 UTC | overdue |`);
    expect(text).toContain(`| ${later.id} | Load test the pool | Platform team | 2099-01-02 00:00:00 UTC | open |`);

    expect((await api('GET', '/actions?overdue=true')).body.items.map((a: { id: number }) => a.id)).toEqual([overdue.id]);
    expect((await api('GET', '/actions')).body.items.map((a: { id: number }) => a.id)).toEqual([overdue.id, later.id]);

    // The app runs this every minute; run it now rather than wait, and let the app's delivery worker send it.
    const deps = { store: app.store, clock: systemClock, config: app.config, consoleUrl: () => app.url };
    expect(await remindOverdueActions(deps)).toBe(1);
    expect(await remindOverdueActions(deps)).toBe(0);
    const reminder = await waitFor('the reminder webhook', async () => hooks.requests.find((r) => r.headers['idempotency-key'] === `action-overdue:${overdue.id}`), 15_000);
    expect(reminder.path).toBe('/ana');
    expect(JSON.parse(reminder.body)).toMatchObject({ kind: 'notice', incident: { id: incident.id } });
    expect(JSON.parse(reminder.body).text).toContain('"Alert on pool saturation"');
    const notes = (await api('GET', `/incidents/${incident.id}`)).body.timeline.filter((e: { kind: string }) => e.kind === 'reminder');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toMatch(/^Reminder sent to Ana Lima \(user:ana\/webhook\)/);

    expect((await api('PATCH', `/actions/${overdue.id}`, { done: true })).body.action.doneAt).not.toBeNull();
    expect((await api('GET', '/actions?overdue=true')).body.items).toEqual([]);
    expect((await api('PATCH', '/actions/999999', { done: true })).status).toBe(404);

    // The CLI, as a user runs it.
    const env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: app.bootstrapSecret! };
    const exportedByCli = await opsdeck(['postmortem', 'export', String(incident.id)], env);
    expect(exportedByCli.stdout).toContain('The pool ran dry.');
    expect(exportedByCli.stdout).toContain(`| ${overdue.id} | Alert on pool saturation | ana | 2026-01-02 00:00:00 UTC | done `);
    const listed = await opsdeck(['actions', 'list'], env);
    expect(listed.stdout).toMatch(new RegExp(`#${later.id}\\s+open\\s+due 2099-01-02 00:00Z\\s+incident #${incident.id}\\s+Platform team: Load test the pool`));
    expect((await opsdeck(['actions', 'done', String(later.id)], env)).stdout).toMatch(new RegExp(`#${later.id}\\s+done`));
    expect((await opsdeck(['actions', 'list', '--overdue'], env)).stdout).toContain('0 action item(s) overdue');
  }, 60_000);
});
