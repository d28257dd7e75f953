import path from 'node:path';
import type { AlertRuleDef, CheckDef, Config, RunbookDef, ServiceDef, Severity } from './config-types.ts';
import type { ParsedRoot } from './root-schema.ts';
import { resolveCheckRef } from './config-references.ts';
import { resolveOnCall } from './oncall-resolve.ts';
import { resolveIntegrations } from './integrations-resolve.ts';
import { resolveDatasources, withDatasource } from './section-datasources.ts';
import { resolveQueryRules } from './query-rules-resolve.ts';
import { resolveStatus } from './status-resolve.ts';
import { resolveHeartbeats } from './heartbeats-resolve.ts';
import { resolveRoutines } from './section-routines.ts';

/**
 * Turns the validated tree into the Config everyone reads: defaults filled,
 * ids made global ("svc/check"), paths absolute. Runs only when nothing was
 * wrong, so it may assume every reference resolves.
 */
export function resolveConfig(directory: string, root: ParsedRoot, runbooks: RunbookDef[] = []): Config {
  const { server, storage, engine } = root;
  const severities: Severity[] = Object.entries(root.severities ?? {}).map(([id, s]) => ({
    id,
    name: s.name ?? id,
    respondWithinMs: s.respond_within ?? null,
    resolveWithinMs: s.resolve_within ?? null,
    updateEveryMs: s.update_every ?? null,
    escalation: s.escalation ?? null,
  }));

  const datasources = resolveDatasources(root.datasources);
  const services: ServiceDef[] = Object.entries(root.services ?? {}).map(([serviceId, service]) => {
    const checks: CheckDef[] = Object.entries(service.checks ?? {}).map(([name, check]) => ({
      id: `${serviceId}/${name}`,
      service: serviceId,
      name,
      type: check.type,
      typeConfig: withDatasource(check.typeConfig, datasources),
      intervalMs: check.intervalMs ?? engine.interval,
      timeoutMs: check.timeoutMs ?? engine.timeout,
      expect: check.expect,
      conditions: check.conditions,
    }));
    const alerts: AlertRuleDef[] = Object.entries(service.alerts ?? {}).flatMap(([name, alert]) => {
      if (alert.when.kind !== 'check') return [];
      const ref = resolveCheckRef(alert.when.condition.check, serviceId);
      return {
        id: `${serviceId}/${name}`,
        service: serviceId,
        name,
        when: alert.when.text,
        condition: { ...alert.when.condition, check: `${ref.service}/${ref.check}` },
        severity: alert.severity,
        runbook: alert.runbook ?? null,
        autoResolve: alert.auto_resolve,
        cooldownMs: alert.cooldown,
        summary: alert.summary ?? null,
        escalation: alert.escalation ?? null,
        labels: alert.labels ?? {},
      };
    });
    return {
      id: serviceId,
      name: service.name ?? serviceId,
      component: service.component ?? null,
      description: service.description ?? null,
      checks,
      alerts,
      queryAlerts: resolveQueryRules(serviceId, service.alerts ?? {}, datasources, engine.interval),
    };
  });

  return {
    directory,
    organization: root.organization,
    timezone: root.timezone,
    server: {
      host: server.listen.host,
      port: server.listen.port,
      publicUrl: server.public_url ?? null,
      dataDir: path.resolve(directory, server.data_dir),
    },
    retention: { rawMs: storage.retention.raw, minuteMs: storage.retention.minutes, hourMs: storage.retention.hours },
    engine: { concurrency: engine.concurrency, intervalMs: engine.interval, timeoutMs: engine.timeout },
    severities,
    services,
    ...resolveOnCall(root),
    integrations: resolveIntegrations(root, severities),
    datasources,
    ...resolveStatus(root),
    runbooks,
    heartbeats: resolveHeartbeats(root, root.timezone),
    routines: resolveRoutines(root.routines, root.timezone, severities.map((s) => s.id)),
  };
}
