import type { Store } from '../store/index.ts';
import type { Clock, Timer } from '../time/index.ts';
import type { AppMetrics } from './app-metrics.ts';

export interface ScrapeSources {
  clock: Clock;
  store: Pick<Store, 'incidents' | 'notifications'>;
  /** The state of every alert rule of the config (the evaluator's, in memory). */
  alertStates(): Iterable<string>;
  /** The configured severities, so each has a series even at zero. */
  severities(): Iterable<string>;
  onError(error: unknown, collector: string): void;
}

/** A scrape answers within this even when the store is slow; Prometheus' default scrape timeout is 10 s. */
export const SCRAPE_READ_TIMEOUT_MS = 2_000;

const ALERT_STATES = ['inactive', 'pending', 'firing', 'resolved'] as const;
const NOTIFICATION_STATUSES = ['pending', 'sent', 'dead', 'cancelled'] as const;

/**
 * A store read made at scrape time, bounded: the scrape waits at most timeoutMs, and a slow or failed
 * read leaves the gauge at its last value. A slow read is not started again while it runs, so
 * a struggling store gets one query per collector, not one per scrape.
 */
function boundedRead<T>(name: string, read: () => Promise<T>, apply: (value: T) => void, sources: ScrapeSources, failed: () => void) {
  let running: Promise<void> | null = null;
  // One failure per read, however many scrapes it kept waiting and whether it then also failed.
  let counted = false;
  const fail = (error: unknown) => {
    if (!counted) failed();
    counted = true;
    sources.onError(error, name);
  };
  return async (): Promise<void> => {
    running ??= read().then(apply, fail).finally(() => {
      running = null;
      counted = false;
    });
    let timer: Timer | undefined;
    const late = new Promise<'late'>((resolve) => (timer = sources.clock.setTimer(SCRAPE_READ_TIMEOUT_MS, () => resolve('late'))));
    const outcome = await Promise.race([running.then(() => 'done' as const), late]);
    timer?.cancel();
    if (outcome === 'late' && !counted) fail(new Error(`the ${name} read took over ${SCRAPE_READ_TIMEOUT_MS} ms; the last value stands`));
  };
}

/** Refreshes the at-scrape gauges; call it before rendering the registry. */
export function scrapeGauges(metrics: AppMetrics, sources: ScrapeSources): () => Promise<void> {
  const failed = (collector: string) => () => metrics.scrapeFailures.inc({ collector });
  const incidents = boundedRead('incidents', () => sources.store.incidents.unresolved(), (open) => {
    const counts = new Map<string, number>([...sources.severities()].map((s) => [s, 0]));
    for (const incident of open) counts.set(incident.severity, (counts.get(incident.severity) ?? 0) + 1);
    metrics.incidentsOpen.reset();
    for (const [severity, n] of counts) metrics.incidentsOpen.set({ severity }, n);
  }, sources, failed('incidents'));
  const outbox = boundedRead('outbox', async () => ({
    counts: await sources.store.notifications.counts(), nextDueAt: await sources.store.notifications.nextDueAt(),
  }), ({ counts, nextDueAt }) => {
    for (const status of NOTIFICATION_STATUSES) metrics.outboxDepth.set({ status }, counts[status] ?? 0);
    metrics.notificationsPending.set(counts.pending ?? 0);
    metrics.outboxOldestDue.set(nextDueAt === null ? 0 : Math.max(0, (sources.clock.now() - nextDueAt) / 1000));
  }, sources, failed('outbox'));

  return async () => {
    const byState = new Map<string, number>(ALERT_STATES.map((s) => [s, 0]));
    for (const state of sources.alertStates()) byState.set(state, (byState.get(state) ?? 0) + 1);
    for (const [state, n] of byState) metrics.alerts.set({ state }, n);
    await Promise.all([incidents(), outbox()]);
  };
}
