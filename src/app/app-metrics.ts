import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Opsdeck's own metrics at /metrics, on a registry of its own so tests can run several apps in one
 * process. Counters are incremented where the counted thing happens; the gauges marked "at scrape"
 * are read from the evaluator and the store when /metrics is asked (metrics-scrape.ts).
 */
export function createAppMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opsdeck_' });
  const registers = [registry];
  return {
    registry,
    checkRuns: new Counter({ name: 'opsdeck_check_runs_total', help: 'Check runs by outcome (pass or fail)', labelNames: ['outcome'] as const, registers }),
    checkDuration: new Histogram({
      name: 'opsdeck_check_duration_seconds', help: 'How long a check run took, its timeout included when it timed out', registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    scheduleLateness: new Histogram({
      name: 'opsdeck_check_schedule_lateness_seconds', help: 'How late a check started after its due time', registers,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    }),
    configReloads: new Counter({ name: 'opsdeck_config_reloads_total', help: 'Config reloads by outcome', labelNames: ['outcome'] as const, registers }),
    alertTransitions: new Counter({ name: 'opsdeck_alert_transitions_total', help: 'Alert state transitions', labelNames: ['to'] as const, registers }),
    checksScheduled: new Gauge({ name: 'opsdeck_checks_scheduled', help: 'Checks on the schedule', registers }),
    alerts: new Gauge({ name: 'opsdeck_alerts', help: 'Alert rules of the config by state (at scrape)', labelNames: ['state'] as const, registers }),
    incidentsOpen: new Gauge({ name: 'opsdeck_incidents_open', help: 'Unresolved incidents by severity (at scrape)', labelNames: ['severity'] as const, registers }),
    notificationsSent: new Counter({ name: 'opsdeck_notifications_sent_total', help: 'Notifications a channel accepted', registers }),
    notificationFailures: new Counter({
      name: 'opsdeck_notification_failures_total', help: 'Failed send attempts, by whether the channel said a retry could help',
      labelNames: ['retryable'] as const, registers,
    }),
    notificationsPending: new Gauge({ name: 'opsdeck_notifications_pending', help: 'Notifications queued and not yet sent, given up or cancelled (at scrape)', registers }),
    outboxDepth: new Gauge({ name: 'opsdeck_outbox_depth', help: 'Rows of the notification outbox by status (at scrape)', labelNames: ['status'] as const, registers }),
    outboxOldestDue: new Gauge({
      name: 'opsdeck_outbox_oldest_due_seconds', help: 'How long the longest-waiting due notification has waited; 0 when none is overdue (at scrape)', registers,
    }),
    inboundEvents: new Counter({ name: 'opsdeck_inbound_events_total', help: 'Events other tools sent, as stored in the inbound log, by source', labelNames: ['source'] as const, registers }),
    httpDuration: new Histogram({
      name: 'opsdeck_http_request_duration_seconds', help: 'HTTP request durations by route pattern (not the raw URL)',
      labelNames: ['method', 'route', 'status'] as const, registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    scrapeFailures: new Counter({
      name: 'opsdeck_metrics_collect_failures_total', help: 'Scrape-time reads that failed or ran out of time; the last value was kept', labelNames: ['collector'] as const, registers,
    }),
  };
}

export type AppMetrics = ReturnType<typeof createAppMetrics>;
