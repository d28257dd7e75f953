import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaging } from '../src/app/paging.ts';
import { severityCatalog } from '../src/app/severity-catalog.ts';
import { formatConfigError, loadConfig, type Config } from '../src/config/index.ts';
import { IncidentService } from '../src/incidents/index.ts';
import { AlertIntake } from '../src/ingest/index.ts';
import { RoutineScheduler, RoutineTaskService, RoutineWork } from '../src/routines/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { configDir } from './support/config-dir.ts';

// Acceptance 5: the routine scheduler itself, driven by a fake clock in 30-second steps over 400
// days, on a real SQLite store, with the real intake behind it. Expected instants are computed
// independently of the calendar module: Intl.DateTimeFormat says which weekday and wall-clock
// time an instant is in Berlin.

const DAY = 86_400_000;
const START = Date.parse('2026-01-05T00:00:00Z');
const END = START + 400 * DAY;
const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const local = (t: number) => Object.fromEntries(berlin.formatToParts(t).map((p) => [p.type, p.value])) as Record<string, string>;

/** Every instant in [from, to) at which Berlin's clock shows `hh:00:00` on a day `want` accepts. */
function expectedInstants(from: number, to: number, hour: string, want: (parts: Record<string, string>) => boolean): number[] {
  const out: number[] = [];
  // Berlin is UTC+1 or UTC+2: the local hour is one of two UTC hours of each UTC day.
  for (let day = from - (from % DAY); day < to; day += DAY) {
    for (const t of [day + (Number(hour) - 2) * 3_600_000, day + (Number(hour) - 1) * 3_600_000]) {
      const p = local(t);
      if (t >= from && t < to && p['hour'] === hour && p['minute'] === '00' && p['second'] === '00' && want(p)) out.push(t);
    }
  }
  return out;
}

const CONFIG = `
organization: Routines
timezone: Europe/Berlin
severities:
  P3: { name: Medium }
users:
  ana: { name: Ana Lima, contact: { webhook: "http://127.0.0.1:9/ana" } }
routines:
  morning:
    title: Morning checklist
    checklist: ["Review overnight alerts", "Check backups"]
    at: "09:00"
    days: weekdays
    deadline: 2h
    assign: user:ana
  audit:
    title: Monthly access audit
    checklist: ["Access audit"]
    every: "first Mon 10:00"
    deadline: 1d
    severity: P3
`;

describe('routines over 400 days of a fake clock (SQLite, the real scheduler)', () => {
  const clock = new FakeClock(START);
  let dataDir: string;
  let store: Store;
  let config: Config;
  let intake: AlertIntake;
  let work: RoutineWork;
  let tasks: RoutineTaskService;

  const scheduler = () => new RoutineScheduler({
    clock, store, config: () => config, work,
    onMissed: (routine, at, missed) => { throw new Error(`${routine.id} missed ${missed} before ${new Date(at).toISOString()}`); },
    onError: (err) => { throw err; },
  });

  beforeAll(async () => {
    const loaded = await loadConfig(configDir({ 'opsdeck.yaml': CONFIG }));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    config = loaded.config;
    dataDir = mkdtempSync(path.join(tmpdir(), 'opsdeck-routines-'));
    store = await openStore({ dataDir });
    const paging = await createPaging({ store, clock, logger: pino({ level: 'silent' }), config: () => config, baseUrl: () => 'http://127.0.0.1' });
    const incidents = new IncidentService({ store, clock, severities: () => severityCatalog(config), escalation: paging.incidentEscalation, queued: () => {} });
    paging.onAlert(async (rule, event, heldBy) => {
      if (event.transition === 'firing') await incidents.alertFired(rule, event.value, heldBy);
      else await incidents.alertResolved(rule, event.value);
    });
    intake = new AlertIntake({ store, clock, config: () => config, incidents, process: (event) => paging.pipeline.process(event) });
    work = new RoutineWork({ store, clock, config: () => config, intake, directory: paging.directory, runbooks: null, onError: (err) => { throw err; } });
    tasks = new RoutineTaskService({ store, clock, config: () => config, intake });
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires the weekday routine once each weekday at 09:00 Berlin and the first-Monday one as the calendar says, across both DST changes and a restart', async () => {
    let running = scheduler();
    await running.start();
    const started = performance.now();
    let steps = 0;
    while (clock.now() < END) {
      clock.advance(30_000);
      await running.idle();
      steps++;
      // A diligent person: every morning task is done within the hour (so only the audits go overdue).
      if (steps % 120 === 0) {
        for (const task of (await tasks.list({ routine: 'morning', open: true, limit: 10, offset: 0 })).items) {
          for (const item of task.items) await tasks.tick(task.id, item.index, 'ana', null);
        }
      }
      // A restart half way: a new scheduler reads what was handled from the store.
      if (steps === 576_000) {
        await running.stop();
        running = scheduler();
        await running.start();
      }
    }
    await running.stop();
    const seconds = (performance.now() - started) / 1000;

    const all = (await store.routineTasks.list({ limit: 10_000, offset: 0 })).items.reverse();
    const morning = all.filter((t) => t.routine === 'morning');
    const expectedMorning = expectedInstants(START, END, '09', (p) => !['Sat', 'Sun'].includes(p['weekday']!));
    expect(expectedMorning.length).toBeGreaterThan(280);
    expect(morning.map((t) => t.scheduledAt)).toEqual(expectedMorning);
    for (const task of morning) {
      // Handled at the very instant it was due, which Berlin's clock shows as 09:00:00 on a weekday.
      expect(task.createdAt).toBe(task.scheduledAt);
      expect(local(task.createdAt)).toMatchObject({ hour: '09', minute: '00', second: '00' });
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(local(task.createdAt)['weekday']);
      expect(task).toMatchObject({ assignee: 'ana', missed: 0, alertedAt: null, dueAt: task.scheduledAt + 2 * 3_600_000 });
      expect(task.completedAt).not.toBeNull();
    }
    // Both DST changes of 2026 lie inside: 08:00 UTC in winter, 07:00 UTC in summer.
    const utcHours = new Set(morning.map((t) => new Date(t.scheduledAt).getUTCHours()));
    expect(utcHours).toEqual(new Set([7, 8]));

    const audits = all.filter((t) => t.routine === 'audit');
    const expectedAudits = expectedInstants(START, END, '10', (p) => p['weekday'] === 'Mon' && Number(p['day']) <= 7);
    expect([13, 14]).toContain(expectedAudits.length);
    expect(audits.map((t) => t.scheduledAt)).toEqual(expectedAudits);
    expect(audits.every((t) => t.createdAt === t.scheduledAt)).toBe(true);

    // Nobody did the audits: each raised its alert once, a day after it was due, and each opened an incident.
    for (const audit of audits) expect(audit.alertedAt).toBe(audit.scheduledAt + DAY);
    const alerts = (await store.externalAlerts.list({ source: 'routine', limit: 100, offset: 0 })).items;
    expect(alerts.map((a) => a.key).sort()).toEqual(audits.map((t) => `routine:audit:${t.scheduledAt}`).sort());
    expect(alerts.every((a) => a.severity === 'P3' && a.status === 'firing' && a.events === 1)).toBe(true);
    const incidents = (await store.incidents.list({ limit: 100, offset: 0 })).items;
    expect(incidents).toHaveLength(audits.length);
    console.log(`400 days in ${steps} steps of 30 s: ${seconds.toFixed(1)} s; ${morning.length} weekday and ${audits.length} first-Monday occurrences`);
  }, 600_000);
});

describe('after downtime, and with two processes', () => {
  it('handles only the latest missed occurrence, says how many were passed over, and claims it once', async () => {
    const clock = new FakeClock('2026-03-02T07:00:00Z');
    const loaded = await loadConfig(configDir({ 'opsdeck.yaml': CONFIG }));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    const config = loaded.config;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdeck-routines-'));
    const store = await openStore({ dataDir });
    try {
      const paging = await createPaging({ store, clock, logger: pino({ level: 'silent' }), config: () => config, baseUrl: () => 'http://127.0.0.1' });
      const incidents = new IncidentService({ store, clock, severities: () => severityCatalog(config), escalation: paging.incidentEscalation, queued: () => {} });
      const intake = new AlertIntake({ store, clock, config: () => config, incidents, process: (event) => paging.pipeline.process(event) });
      const work = new RoutineWork({ store, clock, config: () => config, intake, directory: paging.directory, runbooks: null, onError: (err) => { throw err; } });
      const said: string[] = [];
      const scheduler = () => new RoutineScheduler({
        clock, store, config: () => config, work,
        onMissed: (routine, at, missed) => said.push(`${routine.id} ${new Date(at).toISOString()} missed ${missed}`),
        onError: (err) => { throw err; },
      });

      const first = scheduler();
      await first.start();
      for (let i = 0; i < 120; i++) {
        clock.advance(30_000);
        await first.idle();
      }
      await first.stop();
      // Down from Monday 08:00 UTC to Thursday 12:00 UTC: Tuesday's, Wednesday's and Thursday's 09:00 Berlin passed.
      clock.set(Date.parse('2026-03-05T12:00:00Z'));
      const [a, b] = [scheduler(), scheduler()];
      await Promise.all([a.start(), b.start()]);
      await Promise.all([a.stop(), b.stop()]);

      const morning = (await store.routineTasks.list({ routine: 'morning', limit: 10, offset: 0 })).items.reverse();
      expect(morning.map((t) => [new Date(t.scheduledAt).toISOString(), t.missed, new Date(t.createdAt).toISOString()])).toEqual([
        ['2026-03-02T08:00:00.000Z', 0, '2026-03-02T08:00:00.000Z'],
        ['2026-03-05T08:00:00.000Z', 2, '2026-03-05T12:00:00.000Z'],
      ]);
      expect(said).toEqual(['morning 2026-03-05T08:00:00.000Z missed 2']);
      // Monday's task passed its 2 h deadline while Opsdeck was down: raised once on the way back up.
      expect((await store.externalAlerts.list({ source: 'routine', limit: 10, offset: 0 })).items.map((x) => x.key).sort()).toEqual(
        morning.map((t) => `routine:morning:${t.scheduledAt}`).sort(),
      );
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

