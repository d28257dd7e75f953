import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

// Routines through the whole app on a fake clock: a weekday checklist assigned from the on-call
// schedule (a run-time override included), ticked through the API with notes; one not finished
// by its deadline raises its alert into an incident, once, and finishing it late resolves both;
// one finished in time raises nothing. A nightly runbook routine that fails alerts, and a later
// successful run resolves that alert.

const at = (text: string) => Date.parse(text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const RUNBOOK = `---
title: Verify backups
---

# Verify backups

\`\`\`bash
test -f "$FLAG"
\`\`\`
`;

describe.each(DIALECTS)('routines through the whole app on $name', (dialect) => {
  const clock = new FakeClock('2026-03-02T08:00:00Z');
  let dir: string;
  let flag: string;
  let options: { databaseUrl?: string; schema?: string } | null;
  let app: Opsdeck | null = null;
  let api: ReturnType<typeof apiAs>;

  /** Moves the fake clock, then gives the tasks it fired the real time to finish (a second 30 s tick catches what the first re-armed). */
  const moveTo = async (t: number) => {
    clock.set(t);
    await sleep(200);
    clock.advance(30_000);
    await sleep(200);
    await app!.settle();
  };
  const tasksOf = async (routine: string) => (await api('GET', `/routine-tasks?routine=${routine}`)).body.items as any[];
  const routineAlerts = async () => (await app!.store.externalAlerts.list({ source: 'routine', limit: 50, offset: 0 })).items;

  beforeAll(async () => {
    options = await dialect.options();
    // The runbook's step passes once this file exists.
    flag = path.join(mkdtempSync(path.join(tmpdir(), 'opsdeck-flag-')), 'backup-done');
    dir = configDir({
      'opsdeck.yaml': `
organization: Routines
timezone: UTC
severities:
  P3: { name: Medium }
users:
  ana: { name: Ana Lima, contact: { webhook: "http://127.0.0.1:9/ana" } }
  ben: { name: Ben Ortiz, contact: { webhook: "http://127.0.0.1:9/ben" } }
schedules:
  primary: { members: [ana, ben], rotation: daily, handoff: "00:00", start: "2026-03-02T00:00" }
routines:
  daily-check:
    title: Daily checklist
    checklist: ["Review overnight alerts", "Verify backups completed"]
    at: "09:00"
    days: weekdays
    deadline: 2h
    assign: schedule:primary
    severity: P3
  nightly-backup:
    title: Nightly backup check
    runbook: runbooks/verify-backups.md
    at: "03:00"
    params: { FLAG: "${flag}" }
`,
    });
    mkdirSync(path.join(dir, 'runbooks'));
    writeFileSync(path.join(dir, 'runbooks', 'verify-backups.md'), RUNBOOK);
    if (!options) return;
    app = await startOpsdeck({ ...options, configDir: dir, clock, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
  });

  afterAll(async () => {
    await app?.stop();
    if (options?.schema) await dropSchema(options.schema);
  });

  it('a checklist missed by its deadline alerts once into an incident; finished late it resolves; finished in time it raises nothing', async (ctx) => {
    if (!app) return ctx.skip();
    const routines = await api('GET', '/routines');
    expect(routines.body.items.map((r: any) => [r.id, r.schedule, r.kind, r.next])).toEqual([
      ['daily-check', '09:00 weekdays', 'checklist', at('2026-03-02T09:00:00Z')],
      ['nightly-backup', '03:00 every day', 'runbook', at('2026-03-03T03:00:00Z')],
    ]);

    await moveTo(at('2026-03-02T09:00:00Z'));
    const [monday] = await tasksOf('daily-check');
    expect(monday).toMatchObject({ scheduledAt: at('2026-03-02T09:00:00Z'), createdAt: at('2026-03-02T09:00:00Z'), dueAt: at('2026-03-02T11:00:00Z'), assignee: 'ana', state: 'open', missed: 0, routineTitle: 'Daily checklist' });

    const ticked = await api('POST', `/routine-tasks/${monday.id}/items/0`, { note: 'two disk alerts, both known' });
    expect(ticked.status).toBe(200);
    expect(ticked.body.task.items[0]).toMatchObject({ doneBy: 'token:bootstrap-admin', note: 'two disk alerts, both known', doneAt: clock.now() });
    expect(ticked.body.task.state).toBe('open');
    expect((await api('POST', `/routine-tasks/${monday.id}/items/0`, {})).body.error).toMatch(/^item 0 \("Review overnight alerts"\) was ticked by token:bootstrap-admin at /);
    expect((await api('POST', `/routine-tasks/${monday.id}/items/2`, {})).status).toBe(404);
    expect((await api('POST', '/routine-tasks/999999/items/0', {})).status).toBe(404);

    // A minute before the deadline nothing; past it, the alert and its incident, once.
    await moveTo(at('2026-03-02T10:59:00Z'));
    expect(await routineAlerts()).toEqual([]);
    await moveTo(at('2026-03-02T11:00:01Z'));
    await moveTo(at('2026-03-02T11:30:00Z'));
    const [alert] = await routineAlerts();
    expect(alert).toMatchObject({ key: `routine:daily-check:${monday.scheduledAt}`, status: 'firing', severity: 'P3', service: 'routines', events: 1 });
    const incidents = (await api('GET', '/incidents?service=routines')).body.items;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: 'triggered', severity: 'P3' });
    expect(incidents[0].title).toContain('Routine "Daily checklist" not done by its deadline');
    expect((await api('GET', `/routine-tasks/${monday.id}`)).body.task).toMatchObject({ state: 'overdue', alertedAt: at('2026-03-02T11:00:00Z') });

    // Finished late: done-late, the alert resolves and its incident with it.
    const late = await api('POST', `/routine-tasks/${monday.id}/items/1`, { note: 'backups fine' });
    expect(late.body.task).toMatchObject({ state: 'done-late', completedAt: clock.now() });
    await waitFor('the incident resolved', async () => (await api('GET', `/incidents/${incidents[0].id}`)).body.incident?.status === 'resolved');
    expect((await routineAlerts())[0]!.status).toBe('resolved');

    // Tuesday ben is on call, but an override made through the API puts ana on the 09:00 occurrence.
    expect((await api('POST', '/schedules/primary/overrides', { user: 'ana', from: '2026-03-03T08:30:00Z', to: '2026-03-03T09:30:00Z' })).status).toBe(200);
    // The nightly routine ran at 03:00 Tuesday (in the catch-up of the move) and failed; wait for it below.
    await moveTo(at('2026-03-03T09:00:00Z'));
    const [tuesday] = await tasksOf('daily-check');
    expect(tuesday).toMatchObject({ scheduledAt: at('2026-03-03T09:00:00Z'), assignee: 'ana' });
    await moveTo(at('2026-03-03T10:00:00Z'));
    for (const index of [0, 1]) expect((await api('POST', `/routine-tasks/${tuesday.id}/items/${index}`, {})).status).toBe(200);
    await moveTo(at('2026-03-03T12:00:00Z'));
    expect((await api('GET', `/routine-tasks/${tuesday.id}`)).body.task).toMatchObject({ state: 'done', alertedAt: null });
    expect((await routineAlerts()).filter((a) => a.key.startsWith('routine:daily-check:'))).toHaveLength(1);
    // Without the override Tuesday is ben's, as the schedule says outside it; Wednesday is ana's again.
    expect((await api('GET', '/schedules/primary/oncall?at=2026-03-03T12:00:00Z')).body).toMatchObject({ onCall: { user: 'ben' } });
    await moveTo(at('2026-03-04T09:00:00Z'));
    expect((await tasksOf('daily-check'))[0]).toMatchObject({ scheduledAt: at('2026-03-04T09:00:00Z'), assignee: 'ana' });
  });

  it('a runbook routine whose run fails alerts, and a later successful run resolves the alert', async (ctx) => {
    if (!app) return ctx.skip();
    // Tuesday's and Wednesday's 03:00 runs found no flag file: each failed, one alert per routine.
    const runs = await waitFor('two finished runs', async () => {
      const items = await tasksOf('nightly-backup');
      return items.length === 2 && items.every((t) => t.completedAt !== null) && items;
    });
    expect(runs.map((t: any) => [t.scheduledAt, t.state, t.outcome])).toEqual([
      [at('2026-03-04T03:00:00Z'), 'failed', 'failed'],
      [at('2026-03-03T03:00:00Z'), 'failed', 'failed'],
    ]);
    const run = await api('GET', `/runbook-runs/${runs[0].runId}`);
    expect(run.body.run ?? run.body).toMatchObject({ routine: 'nightly-backup', actor: 'routine:nightly-backup', status: 'failed' });
    const firing = await waitFor('the run alert', async () => (await routineAlerts()).find((a) => a.key === 'routine:nightly-backup' && a.status === 'firing'));
    expect(firing.summary).toContain('Routine "Nightly backup check" (runbooks/verify-backups.md)');

    writeFileSync(flag, 'ok');
    await moveTo(at('2026-03-05T03:00:00Z'));
    const [thursday] = await waitFor('the successful run', async () => {
      const items = await tasksOf('nightly-backup');
      return items[0]?.scheduledAt === at('2026-03-05T03:00:00Z') && items[0].completedAt !== null && items;
    });
    expect(thursday).toMatchObject({ state: 'succeeded', outcome: 'succeeded' });
    await waitFor('the run alert resolved', async () => (await routineAlerts()).find((a) => a.key === 'routine:nightly-backup')?.status === 'resolved');
    expect(existsSync(flag)).toBe(true);
  });

  it('the CLI lists routines and tasks, shows one, and ticks an item with a note', async (ctx) => {
    if (!app || dialect.name !== 'sqlite') return ctx.skip();
    await moveTo(at('2026-03-05T09:00:00Z'));
    const env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: app.bootstrapSecret! };
    const list = await opsdeck(['routines', 'list'], env);
    expect(list.stderr).toBe('');
    expect(list.stdout).toContain('daily-check  "Daily checklist"  checklist  09:00 weekdays (UTC)  next 2026-03-06 09:00Z  schedule:primary  P3');
    const [thursday] = await tasksOf('daily-check');
    const open = await opsdeck(['routines', 'tasks', '--routine', 'daily-check', '--open'], env);
    expect(open.stdout.split('\n')[0]).toBe(`#${thursday.id}  open      daily-check  2026-03-05 09:00Z  due 2026-03-05 11:00Z  0/2  ben`);
    const tick = await opsdeck(['routines', 'tick', String(thursday.id), '1', '--note', 'all three backups present'], env);
    expect(tick.code).toBe(0);
    expect(tick.stdout).toContain('[x] 1. Verify backups completed  token:bootstrap-admin 2026-03-05 09:00Z — all three backups present');
    expect(tick.stdout).toContain('[ ] 0. Review overnight alerts');
    const again = await opsdeck(['routines', 'tick', String(thursday.id), '1'], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('409: item 1 ("Verify backups completed") was ticked by token:bootstrap-admin');
  });
});
