import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Opsdeck's own metrics at /metrics, on a registry of its own so tests can run several apps in one process. */
export function createAppMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opsdeck_' });
  return {
    registry,
    checkRuns: new Counter({ name: 'opsdeck_check_runs_total', help: 'Check runs by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    checkDuration: new Histogram({
      name: 'opsdeck_check_duration_seconds', help: 'Check run duration', registers: [registry],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    scheduleLateness: new Histogram({
      name: 'opsdeck_check_schedule_lateness_seconds', help: 'How late a check started after its due time', registers: [registry],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    }),
    configReloads: new Counter({ name: 'opsdeck_config_reloads_total', help: 'Config reloads by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    alertTransitions: new Counter({ name: 'opsdeck_alert_transitions_total', help: 'Alert state transitions', labelNames: ['to'] as const, registers: [registry] }),
    checksScheduled: new Gauge({ name: 'opsdeck_checks_scheduled', help: 'Checks on the schedule', registers: [registry] }),
  };
}

export type AppMetrics = ReturnType<typeof createAppMetrics>;
