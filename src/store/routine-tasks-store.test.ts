import { describe, expect, it } from 'vitest';
import type { RoutineTasksStore } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const HOUR = 3_600_000;

function task(overrides: Partial<Parameters<RoutineTasksStore['claim']>[0]> = {}): Parameters<RoutineTasksStore['claim']>[0] {
  return {
    routine: 'daily-checklist', scheduledAt: T0, kind: 'checklist', title: 'Daily checklist', assignee: 'ana',
    createdAt: T0 + 5, dueAt: T0 + 2 * HOUR, missed: 0, items: ['Review logs', 'Verify backups'], ...overrides,
  };
}

describe.each(testDialects)('routine tasks store on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('claims an occurrence once: the second claim of the same (routine, scheduledAt) gets nothing', async () => {
    const first = await t.store.routineTasks.claim(task());
    expect(first).toMatchObject({ routine: 'daily-checklist', scheduledAt: T0, assignee: 'ana', completedAt: null, alertedAt: null, missed: 0 });
    expect(first!.items.map((i) => i.text)).toEqual(['Review logs', 'Verify backups']);
    expect(await t.store.routineTasks.claim(task({ createdAt: T0 + 10 }))).toBeNull();
    // Two processes at the same instant: exactly one wins.
    const raced = await Promise.all([t.store.routineTasks.claim(task({ scheduledAt: T0 + 24 * HOUR })), t.store.routineTasks.claim(task({ scheduledAt: T0 + 24 * HOUR }))]);
    expect(raced.filter((r) => r !== null)).toHaveLength(1);
    expect(await t.store.routineTasks.get(first!.id)).toEqual(first);
    expect(await t.store.routineTasks.lastScheduled()).toEqual(new Map([['daily-checklist', T0 + 24 * HOUR]]));
  });

  it('ticks each item once and completes the task when the last one is ticked', async () => {
    const claimed = (await t.store.routineTasks.claim(task()))!;
    expect(await t.store.routineTasks.tick(claimed.id, 0, 'ana', 'no errors', T0 + HOUR)).toBe(true);
    expect(await t.store.routineTasks.tick(claimed.id, 0, 'ben', null, T0 + HOUR)).toBe(false);
    expect(await t.store.routineTasks.tick(claimed.id, 7, 'ana', null, T0 + HOUR)).toBe(false);
    expect(await t.store.routineTasks.completeIfDone(claimed.id, T0 + HOUR)).toBe(false);
    expect(await t.store.routineTasks.tick(claimed.id, 1, 'ben', null, T0 + HOUR + 1)).toBe(true);
    expect(await t.store.routineTasks.completeIfDone(claimed.id, T0 + HOUR + 1)).toBe(true);
    expect(await t.store.routineTasks.completeIfDone(claimed.id, T0 + HOUR + 2)).toBe(false);
    const done = await t.store.routineTasks.get(claimed.id);
    expect(done!.completedAt).toBe(T0 + HOUR + 1);
    expect(done!.items).toEqual([
      { index: 0, text: 'Review logs', doneAt: T0 + HOUR, doneBy: 'ana', note: 'no errors' },
      { index: 1, text: 'Verify backups', doneAt: T0 + HOUR + 1, doneBy: 'ben', note: null },
    ]);
  });

  it('finds open checklists past their deadline until they are alerted or done', async () => {
    const late = (await t.store.routineTasks.claim(task()))!;
    const done = (await t.store.routineTasks.claim(task({ routine: 'other', items: ['One'] })))!;
    await t.store.routineTasks.claim(task({ routine: 'later', dueAt: T0 + 5 * HOUR }));
    await t.store.routineTasks.claim(task({ routine: 'run', kind: 'runbook', dueAt: null, items: [] }));
    await t.store.routineTasks.tick(done.id, 0, 'ana', null, T0);
    await t.store.routineTasks.completeIfDone(done.id, T0);
    expect(await t.store.routineTasks.nextDeadline()).toBe(T0 + 2 * HOUR);
    expect((await t.store.routineTasks.overdue(T0 + 2 * HOUR - 1)).map((x) => x.id)).toEqual([]);
    expect((await t.store.routineTasks.overdue(T0 + 2 * HOUR)).map((x) => x.id)).toEqual([late.id]);
    expect(await t.store.routineTasks.markAlerted(late.id, T0 + 2 * HOUR)).toBe(true);
    expect(await t.store.routineTasks.markAlerted(late.id, T0 + 2 * HOUR)).toBe(false);
    expect(await t.store.routineTasks.overdue(T0 + 2 * HOUR)).toEqual([]);
    expect(await t.store.routineTasks.nextDeadline()).toBe(T0 + 5 * HOUR);
  });

  it('lists newest first, by routine and open or done, and records runs', async () => {
    const a = (await t.store.routineTasks.claim(task()))!;
    const b = (await t.store.routineTasks.claim(task({ scheduledAt: T0 + HOUR })))!;
    const run = (await t.store.routineTasks.claim(task({ routine: 'health', kind: 'runbook', dueAt: null, items: [] })))!;
    await t.store.routineTasks.recordRun(run.id, { runId: '17', outcome: 'failed', completedAt: T0 + 60_000 });
    expect((await t.store.routineTasks.list({ limit: 10, offset: 0 })).items.map((x) => x.id)).toEqual([b.id, run.id, a.id]);
    expect(await t.store.routineTasks.list({ routine: 'daily-checklist', limit: 1, offset: 1 })).toMatchObject({ items: [{ id: a.id }], total: 2 });
    expect((await t.store.routineTasks.list({ open: false, limit: 10, offset: 0 })).items).toEqual([{ ...run, runId: '17', outcome: 'failed', completedAt: T0 + 60_000 }]);
    expect((await t.store.routineTasks.list({ open: true, limit: 10, offset: 0 })).total).toBe(2);
  });

  it('keeps alerts of source "routine" (the widened check) beside the others, on both dialects', async () => {
    const fired = await t.store.externalAlerts.fire({
      key: 'routine:daily-checklist', source: 'routine', integration: 'routine', service: 'routines', severity: 'P3', summary: 'Daily checklist not done',
      labels: {}, details: { source: null, component: null, group: null, class: null, customDetails: null, links: [], images: [], client: null, clientUrl: null, annotations: {}, generatorUrl: null, startedAt: null },
    }, T0);
    expect(fired.alert).toMatchObject({ source: 'routine', status: 'firing' });
    expect((await t.store.externalAlerts.list({ source: 'routine', limit: 5, offset: 0 })).total).toBe(1);
  });
});
