import { describe, expect, it } from 'vitest';
import type { RunbookRun } from './ports.ts';
import { testDialects, useTestStore } from './store-test-dialects.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const run = (over: Partial<RunbookRun> = {}): Omit<RunbookRun, 'id'> => ({
  runbook: 'runbooks/api-restart.md', title: 'Restart the API', incidentId: null, routine: null, params: { NAMESPACE: 'prod', TOKEN: '••••' },
  status: 'running', startedAt: T0, endedAt: null, actor: 'token:ana', dryRun: false, ...over,
});

describe.each(testDialects)('runbook runs on $name', (dialect) => {
  const t = useTestStore(dialect);

  it('keeps a run, its steps, and its events in order; joins each step\'s output from its chunks', async () => {
    const created = await t.store.runbookRuns.create(run(), 'host:1', [
      { index: 0, kind: 'shell', status: 'pending' }, { index: 1, kind: 'manual', status: 'pending' }, { index: 2, kind: 'shown', status: 'pending' },
    ]);
    expect(created).toEqual({ id: created.id, ...run() });
    await t.store.runbookRuns.appendEvents(created.id, [
      { seq: 1, at: T0, type: 'step', index: 0, status: 'running', exitCode: null },
      { seq: 2, at: T0 + 1, type: 'output', index: 0, stream: 'stdout', text: 'one\n' },
      { seq: 3, at: T0 + 2, type: 'output', index: 0, stream: 'stderr', text: 'two\n' },
      { seq: 4, at: T0 + 3, type: 'step', index: 0, status: 'succeeded', exitCode: 0 },
    ]);
    await t.store.runbookRuns.updateStep(created.id, 0, { status: 'succeeded', exitCode: 0, startedAt: T0, endedAt: T0 + 3 });
    await t.store.runbookRuns.updateStep(created.id, 1, { status: 'succeeded', actor: 'token:ana', note: 'checked', endedAt: T0 + 9 });
    await t.store.runbookRuns.appendEvents(created.id, [{ seq: 5, at: T0 + 10, type: 'run', status: 'succeeded' }]);
    await t.store.runbookRuns.setStatus(created.id, 'succeeded', T0 + 10);

    const steps = await t.store.runbookRuns.steps(created.id);
    expect(steps.map((s) => [s.index, s.kind, s.status, s.exitCode, s.output, s.actor, s.note])).toEqual([
      [0, 'shell', 'succeeded', 0, 'one\ntwo\n', null, null],
      [1, 'manual', 'succeeded', null, '', 'token:ana', 'checked'],
      [2, 'shown', 'pending', null, '', null, null],
    ]);
    expect((await t.store.runbookRuns.events(created.id, 3)).map((e) => [e.seq, e.type])).toEqual([[4, 'step'], [5, 'run']]);
    expect(await t.store.runbookRuns.events(created.id, 0)).toContainEqual({ seq: 3, at: T0 + 2, type: 'output', index: 0, stream: 'stderr', text: 'two\n' });
    expect(await t.store.runbookRuns.get(created.id)).toMatchObject({ status: 'succeeded', endedAt: T0 + 10 });
    expect(await t.store.runbookRuns.unfinished()).toEqual([]);
  });

  it('lists newest first by incident, runbook and routine, and finds unfinished runs with their owner', async () => {
    const { incident } = await t.store.incidents.openOrAppend(
      { key: 'api/down', title: 'API down', service: 'api', severity: 'P1', status: 'triggered', openedAt: T0, acknowledgedAt: null, resolvedAt: null,
        respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: 'runbooks/api-restart.md' },
      { at: T0, kind: 'opened', actor: 'system', message: 'opened', data: null },
    );
    const a = await t.store.runbookRuns.create(run({ incidentId: incident.id }), 'host:1', []);
    const b = await t.store.runbookRuns.create(run({ startedAt: T0 + 1, runbook: 'runbooks/other.md', dryRun: true }), 'host:2', []);
    const c = await t.store.runbookRuns.create(run({ startedAt: T0 + 2, routine: 'morning' }), 'host:1', []);
    await t.store.runbookRuns.setStatus(c.id, 'failed', T0 + 5);
    expect((await t.store.runbookRuns.list({ limit: 10, offset: 0 })).items.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(await t.store.runbookRuns.list({ incidentId: incident.id, limit: 10, offset: 0 })).toEqual({ items: [a], total: 1 });
    expect((await t.store.runbookRuns.list({ runbook: 'runbooks/api-restart.md', limit: 1, offset: 0 }))).toMatchObject({ items: [{ id: c.id }], total: 2 });
    expect((await t.store.runbookRuns.list({ routine: 'morning', limit: 10, offset: 0 })).items.map((r) => r.id)).toEqual([c.id]);
    expect((await t.store.runbookRuns.get(b.id))?.dryRun).toBe(true);
    expect((await t.store.runbookRuns.unfinished()).map((r) => [r.id, r.owner])).toEqual([[a.id, 'host:1'], [b.id, 'host:2']]);
  });

  it('refuses a second event with the same seq in a run', async () => {
    const created = await t.store.runbookRuns.create(run(), 'host:1', []);
    await t.store.runbookRuns.appendEvents(created.id, [{ seq: 1, at: T0, type: 'run', status: 'running' }]);
    await expect(t.store.runbookRuns.appendEvents(created.id, [{ seq: 1, at: T0, type: 'run', status: 'failed' }])).rejects.toThrow();
  });
});
