import type { Clock, Timer } from '../time/index.ts';

/**
 * Runs task every intervalMs on the injected clock, never overlapping itself;
 * a failing run is reported and the next one still happens.
 */
export function every(clock: Clock, intervalMs: number, task: () => Promise<unknown>, onError: (err: unknown) => void): { stop(): Promise<void> } {
  let timer: Timer | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    timer = clock.setTimer(intervalMs, () => {
      running = task().catch(onError).finally(() => {
        if (!stopped) schedule();
      });
    });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
    },
  };
}
