import { FakeClock, type Clock, type Timer } from '../time/index.ts';
import { createScheduler, type SchedulerOptions } from './check-scheduler.ts';

/** Test support for check-scheduler tests: runs that settle only when the test says so. */
export interface RecordedRun {
  id: string;
  scheduledAt: number;
  startedAt: number;
  resolve(): void;
  reject(err: unknown): void;
}

export const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Lets promise callbacks (run settlement, pump) happen; not a timed wait. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A clock whose timers fire `lagMs` late, like an event loop busy with other work. */
export function laggingClock(inner: FakeClock, lagMs: number): Clock {
  return {
    now: () => inner.now(),
    setTimer: (delayMs: number, fn: () => void): Timer => inner.setTimer(delayMs + lagMs, fn),
  };
}

export function harness(overrides: Partial<SchedulerOptions> & { clock?: Clock } = {}) {
  const clock = new FakeClock(T0);
  const runs: RecordedRun[] = [];
  const lateness: number[] = [];
  const errors: Array<{ id: string; err: unknown }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const useClock = overrides.clock ?? clock;
  const scheduler = createScheduler({
    clock: useClock,
    concurrency: 1_000_000,
    run: (id, scheduledAt) =>
      new Promise<void>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        let open = true;
        const done = (): void => {
          if (open) inFlight--;
          open = false;
        };
        runs.push({
          id, scheduledAt, startedAt: useClock.now(),
          resolve: () => { done(); resolve(); },
          reject: (err) => { done(); reject(err); },
        });
      }),
    onLateness: (ms) => lateness.push(ms),
    onError: (err, id) => errors.push({ id, err }),
    ...overrides,
  });
  return {
    clock, scheduler, runs, lateness, errors,
    maxInFlight: () => maxInFlight,
    runsOf: (id: string) => runs.filter((r) => r.id === id),
    resolveAll: () => { for (const r of runs) r.resolve(); },
  };
}
