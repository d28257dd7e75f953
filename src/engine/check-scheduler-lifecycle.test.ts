import { describe, expect, it } from 'vitest';
import { phaseOf } from './schedule-phase.ts';
import { harness, settle, T0 } from './scheduler-test-harness.ts';

const I = 30_000;
const slotsOf = (h: ReturnType<typeof harness>, id: string): number[] => h.runsOf(id).map((r) => r.scheduledAt - T0);
/** Resolves every run as soon as it starts, for tests about *when* things run. */
async function advanceResolving(h: ReturnType<typeof harness>, ms: number, step = 1000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    h.clock.advance(Math.min(step, ms - done));
    h.resolveAll();
    await settle();
  }
}

describe('set() on reload', () => {
  it('keeps unchanged checks on their slots, stops removed ones, phases new ones and reschedules changed intervals', async () => {
    const h = harness();
    h.scheduler.set([{ id: 'keep', intervalMs: I }, { id: 'drop', intervalMs: I }, { id: 'change', intervalMs: I }]);
    h.scheduler.start();
    await advanceResolving(h, 45_000);
    h.scheduler.set([{ id: 'keep', intervalMs: I }, { id: 'change', intervalMs: 2 * I }, { id: 'new', intervalMs: I }]);
    const dropRuns = h.runsOf('drop').length;
    await advanceResolving(h, 5 * I);

    const keep = phaseOf('keep', I);
    expect(slotsOf(h, 'keep')).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => keep + k * I).filter((t) => t <= 45_000 + 5 * I));
    expect(h.runsOf('drop')).toHaveLength(dropRuns);
    const changed = slotsOf(h, 'change').filter((t) => t > 45_000);
    expect(changed.length).toBeGreaterThan(0);
    for (const t of changed) expect(t % (2 * I)).toBe(phaseOf('change', 2 * I));
    for (let i = 1; i < changed.length; i++) expect(changed[i]! - changed[i - 1]!).toBe(2 * I);
    const fresh = slotsOf(h, 'new');
    expect(fresh[0]! % I).toBe(phaseOf('new', I));
    expect(fresh[0]!).toBeGreaterThanOrEqual(45_000);
    expect(fresh[0]!).toBeLessThan(45_000 + I);
    expect(h.scheduler.stats().scheduled).toBe(3);
    expect(h.clock.pendingTimers()).toBe(1);
  });

  it('does not run an unchanged check twice when a reload lands on the instant it just ran', async () => {
    const h = harness();
    h.scheduler.set([{ id: 'keep', intervalMs: I }]);
    h.scheduler.start();
    h.clock.set(T0 + phaseOf('keep', I));
    h.resolveAll();
    await settle();
    h.scheduler.set([{ id: 'keep', intervalMs: I }]);
    h.clock.advance(I - 1);
    expect(h.runs).toHaveLength(1);
  });

  it('lets an in-flight run of a removed check finish, and drops its queued run', async () => {
    const h = harness({ concurrency: 1 });
    const [first, second] = ['a', 'b'].sort((x, y) => phaseOf(x, I) - phaseOf(y, I)) as [string, string];
    h.scheduler.set([{ id: 'a', intervalMs: I }, { id: 'b', intervalMs: I }]);
    h.scheduler.start();
    h.clock.advance(I - 1);
    expect(h.scheduler.stats()).toMatchObject({ running: 1, queued: 1 });
    h.scheduler.set([]);
    expect(h.scheduler.stats()).toMatchObject({ running: 1, queued: 0, scheduled: 0 });
    h.runsOf(first)[0]!.resolve();
    await settle();
    expect(h.runsOf(second)).toHaveLength(0);
    expect(h.scheduler.stats()).toMatchObject({ running: 0, queued: 0 });
    h.clock.advance(3 * I);
    expect(h.runs).toHaveLength(1);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('does not overlap a check removed and re-added while its run is still going', async () => {
    const h = harness();
    h.scheduler.set([{ id: 'x', intervalMs: I }]);
    h.scheduler.start();
    h.clock.advance(I - 1);
    h.scheduler.set([]);
    h.scheduler.set([{ id: 'x', intervalMs: I }]);
    h.clock.advance(I);
    expect(h.runs).toHaveLength(1);
    h.runs[0]!.resolve();
    await settle();
    h.clock.advance(I);
    expect(h.runs).toHaveLength(2);
  });

  it('runs a check added after start at its own phase, even before the armed timer', () => {
    const h = harness();
    const [early, late] = ['a', 'b', 'c', 'd'].sort((x, y) => phaseOf(x, I) - phaseOf(y, I)).filter((_, i) => i === 0 || i === 3) as [string, string];
    h.scheduler.set([{ id: late, intervalMs: I }]);
    h.scheduler.start();
    h.scheduler.set([{ id: late, intervalMs: I }, { id: early, intervalMs: I }]);
    h.clock.advance(I - 1);
    expect(h.runs.map((r) => [r.id, r.scheduledAt - T0])).toEqual([[early, phaseOf(early, I)], [late, phaseOf(late, I)]]);
    expect(h.runs.map((r) => r.startedAt - T0)).toEqual([phaseOf(early, I), phaseOf(late, I)]);
  });

  it('rejects a bad schedule whole and keeps the old one', () => {
    const h = harness();
    h.scheduler.set([{ id: 'a', intervalMs: I }]);
    expect(() => h.scheduler.set([{ id: 'b', intervalMs: I }, { id: 'b', intervalMs: I }])).toThrow(
      'check b appears twice in the schedule; ids must be unique',
    );
    expect(() => h.scheduler.set([{ id: 'c', intervalMs: 0 }])).toThrow(
      'check c: interval must be a positive number of milliseconds, found 0',
    );
    expect(() => harness({ concurrency: 0 })).toThrow('scheduler concurrency must be a whole number of at least 1, found 0');
    h.scheduler.start();
    h.clock.advance(I);
    expect(h.runs.map((r) => r.id)).toEqual(['a']);
  });
});

describe('stop()', () => {
  it('waits for in-flight runs, drops queued ones and stops ticking', async () => {
    const h = harness({ concurrency: 1 });
    h.scheduler.set([{ id: 'a', intervalMs: I }, { id: 'b', intervalMs: I }]);
    h.scheduler.start();
    h.clock.advance(I - 1);
    let stopped = false;
    const stopping = h.scheduler.stop().then(() => void (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    expect(h.scheduler.stats()).toMatchObject({ running: 1, queued: 0 });
    h.runs[0]!.resolve();
    await stopping;
    expect(h.runs).toHaveLength(1);
    expect(h.clock.pendingTimers()).toBe(0);
    h.clock.advance(5 * I);
    expect(h.runs).toHaveLength(1);
  });

  it('resolves at once when idle, and start() again resumes the same slots', async () => {
    const h = harness();
    h.scheduler.set([{ id: 'a', intervalMs: I }]);
    h.scheduler.start();
    await h.scheduler.stop();
    h.clock.advance(2 * I + 5);
    h.scheduler.start();
    await advanceResolving(h, I);
    expect(slotsOf(h, 'a')).toEqual([2 * I + phaseOf('a', I) + (phaseOf('a', I) < 5 ? I : 0)]);
  });
});

describe('errors from run', () => {
  it('are reported and never stop the loop', async () => {
    const h = harness({
      concurrency: 1,
      run: (id) => {
        if (id === 'throws') throw new Error('sync boom');
        if (id === 'rejects') return Promise.reject(new Error('async boom'));
        return Promise.resolve();
      },
    });
    h.scheduler.set(['throws', 'rejects', 'fine'].map((id) => ({ id, intervalMs: I })));
    h.scheduler.start();
    for (let i = 0; i < 3 * 30; i++) {
      h.clock.advance(1000);
      await settle();
    }
    const stats = h.scheduler.stats();
    expect(stats).toMatchObject({ started: 9, errors: 6, running: 0, queued: 0, skipped: 0 });
    expect(h.errors.map((e) => e.id).sort()).toEqual(['rejects', 'rejects', 'rejects', 'throws', 'throws', 'throws']);
    expect(h.errors.map((e) => (e.err as Error).message)).toContain('sync boom');
  });

  it('drain a long queue of synchronously throwing checks without deep recursion', async () => {
    let calls = 0;
    let release = (): void => {};
    const h = harness({
      concurrency: 1,
      run: () => {
        if (calls++ === 0) return new Promise<void>((resolve) => (release = resolve));
        throw new Error('sync boom');
      },
      onError: () => {},
    });
    h.scheduler.set(Array.from({ length: 20_000 }, (_, i) => ({ id: `c${i}`, intervalMs: I })));
    h.scheduler.start();
    h.clock.advance(I - 1);
    expect(h.scheduler.stats()).toMatchObject({ running: 1, queued: 19_999 });
    release();
    await settle();
    expect(h.scheduler.stats()).toMatchObject({ running: 0, queued: 0, started: 20_000, errors: 19_999 });
  });

  it('survive a throwing onError and onLateness hook', async () => {
    const h = harness({
      run: () => Promise.reject(new Error('boom')),
      onError: () => { throw new Error('hook broke'); },
      onLateness: () => { throw new Error('metrics broke'); },
    });
    h.scheduler.set([{ id: 'a', intervalMs: I }]);
    h.scheduler.start();
    for (let i = 0; i < 3; i++) {
      h.clock.advance(I);
      await settle();
    }
    expect(h.scheduler.stats()).toMatchObject({ started: 3, errors: 3 });
  });
});
