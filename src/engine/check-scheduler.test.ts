import { describe, expect, it } from 'vitest';
import { FakeClock } from '../time/index.ts';
import { phaseOf } from './schedule-phase.ts';
import { harness, laggingClock, settle, T0 } from './scheduler-test-harness.ts';

const I = 30_000;
const ids = (n: number, prefix = 'svc/check-'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const checks = (list: string[], intervalMs = I) => list.map((id) => ({ id, intervalMs }));

describe('spreading start times', () => {
  it('first runs land on each id\'s phase, all within one interval, not in one burst', () => {
    const h = harness();
    h.scheduler.set(checks(ids(1000)));
    h.scheduler.start();
    h.clock.advance(I - 1);
    expect(h.runs).toHaveLength(1000);
    for (const r of h.runs) expect(r.scheduledAt - T0).toBe(phaseOf(r.id, I));
    const slots = new Set(h.runs.map((r) => r.scheduledAt));
    expect(slots.size).toBeGreaterThan(950);
    // Ten equal slices of the interval each hold roughly a tenth of the checks.
    const slices = new Array<number>(10).fill(0);
    for (const r of h.runs) slices[Math.floor(((r.scheduledAt - T0) / I) * 10)]!++;
    for (const n of slices) expect(n).toBeGreaterThan(60);
    for (const n of slices) expect(n).toBeLessThan(140);
  });

  it('keeps the same slots in a new scheduler started at another time (a restart)', () => {
    const first = harness();
    first.scheduler.set(checks(ids(50)));
    first.scheduler.start();
    first.clock.advance(I);
    const restartAt = T0 + 7 * I + 12_345;
    const clock = new FakeClock(restartAt);
    const second = harness({ clock });
    second.scheduler.set(checks(ids(50)));
    second.scheduler.start();
    clock.advance(I - 1);
    expect(second.runs).toHaveLength(50); // every check again within one interval of the restart
    for (const r of second.runs) {
      const before = first.runsOf(r.id)[0]!;
      expect((r.scheduledAt - before.scheduledAt) % I).toBe(0);
      expect(r.scheduledAt).toBeGreaterThanOrEqual(restartAt);
    }
  });

  it('runs each check every interval with one clock timer for all of them', async () => {
    const h = harness();
    h.scheduler.set(checks(ids(200)));
    h.scheduler.start();
    expect(h.clock.pendingTimers()).toBe(1);
    h.clock.advance(I - 1);
    h.resolveAll();
    await settle();
    h.clock.advance(I);
    expect(h.clock.pendingTimers()).toBe(1);
    for (const id of ids(200)) {
      const at = h.runsOf(id).map((r) => r.scheduledAt - T0);
      const p = phaseOf(id, I);
      expect(at).toEqual([p, p + I]);
    }
    expect(h.lateness.every((ms) => ms === 0)).toBe(true);
  });
});

describe('bounded concurrency', () => {
  it('never has more than `concurrency` runs in flight; the rest start in due order with their lateness', async () => {
    const h = harness({ concurrency: 2 });
    const list = ids(6);
    h.scheduler.set(checks(list));
    h.scheduler.start();
    h.clock.advance(I - 1);
    const byDue = [...list].sort((a, b) => phaseOf(a, I) - phaseOf(b, I));
    expect(h.runs.map((r) => r.id)).toEqual(byDue.slice(0, 2));
    expect(h.scheduler.stats()).toMatchObject({ running: 2, queued: 4, scheduled: 6 });

    h.clock.advance(250);
    h.runs[0]!.resolve();
    await settle();
    expect(h.runs.map((r) => r.id)).toEqual(byDue.slice(0, 3));
    const third = h.runs[2]!;
    expect(h.lateness.at(-1)).toBe(third.startedAt - third.scheduledAt);
    expect(h.lateness.at(-1)).toBe(T0 + I - 1 + 250 - third.scheduledAt);

    for (let i = 0; i < 6; i++) {
      h.runs.forEach((r) => r.resolve());
      await settle();
    }
    expect(h.runs.map((r) => r.id)).toEqual(byDue);
    expect(h.maxInFlight()).toBe(2);
    expect(h.scheduler.stats()).toMatchObject({ running: 0, queued: 0, started: 6 });
  });
});

describe('no self-overlap', () => {
  it('skips a tick while the previous run is still going, then resumes', async () => {
    const h = harness();
    h.scheduler.set([{ id: 'slow', intervalMs: I }]);
    h.scheduler.start();
    h.clock.advance(3 * I - 1);
    expect(h.runs).toHaveLength(1);
    expect(h.scheduler.stats().skipped).toBe(2);
    h.runs[0]!.resolve();
    await settle();
    h.clock.advance(I);
    expect(h.runs).toHaveLength(2);
    expect(h.runs[1]!.scheduledAt - h.runs[0]!.scheduledAt).toBe(3 * I);
  });

  it('skips a tick while the check is still queued behind others', async () => {
    const h = harness({ concurrency: 1 });
    h.scheduler.set([{ id: 'a', intervalMs: I }, { id: 'b', intervalMs: I }]);
    h.scheduler.start();
    h.clock.advance(2 * I);
    // One of them holds the only slot; the other queued once and its next tick was skipped.
    expect(h.runs).toHaveLength(1);
    expect(h.scheduler.stats()).toMatchObject({ running: 1, queued: 1, skipped: 2 });
  });

  it('realigns after a stall longer than an interval instead of replaying every missed slot', () => {
    const clock = new FakeClock(T0);
    const h = harness({ clock: laggingClock(clock, 2.5 * I) });
    h.scheduler.set([{ id: 'x', intervalMs: I }]);
    h.scheduler.start();
    clock.set(T0 + phaseOf('x', I) + 2.5 * I);
    // Slots p, p+I and p+2I have passed: one run (for p), two skipped, next at p+3I.
    expect(h.runs.map((r) => r.scheduledAt)).toEqual([T0 + phaseOf('x', I)]);
    expect(h.lateness).toEqual([2.5 * I]);
    expect(h.scheduler.stats().skipped).toBe(2);
  });

  it('reports timer delay as lateness', () => {
    const clock = new FakeClock(T0);
    const h = harness({ clock: laggingClock(clock, 40) });
    h.scheduler.set(checks(ids(20)));
    h.scheduler.start();
    clock.advance(I + 100);
    expect(h.runs).toHaveLength(20);
    expect(h.lateness).toEqual(h.runs.map((r) => r.startedAt - r.scheduledAt));
    expect(Math.max(...h.lateness)).toBe(40);
    for (const ms of h.lateness) expect(ms).toBeGreaterThan(0);
  });
});
