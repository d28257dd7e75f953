import type { DatasourceDef, QueryRuleDef } from './config-types.ts';
import type { ParsedRoot } from './root-schema.ts';
import { DEFAULT_ERROR_AFTER_MS } from './alert-schema.ts';

type WrittenAlert = NonNullable<NonNullable<ParsedRoot['services']>[string]['alerts']>[string];

/**
 * A service's `prometheus:` rules as QueryRuleDefs: the datasource defaulted to the only one
 * (datasource-references.ts has made sure there is one when it is left out), the interval to the
 * engine's. The rule's other fields mean what they mean on a rule over a check.
 */
export function resolveQueryRules(serviceId: string, alerts: Record<string, WrittenAlert>, datasources: readonly DatasourceDef[], engineIntervalMs: number): QueryRuleDef[] {
  const rules: QueryRuleDef[] = [];
  for (const [name, alert] of Object.entries(alerts)) {
    if (alert.when.kind !== 'query') continue;
    const { query } = alert.when;
    rules.push({
      id: `${serviceId}/${name}`,
      service: serviceId,
      name,
      when: alert.when.text,
      datasource: alert.datasource ?? datasources[0]!.id,
      expr: query.expr,
      op: query.op,
      threshold: query.threshold,
      forMs: query.forMs,
      everyMs: alert.every ?? engineIntervalMs,
      errorAfterMs: alert.error_after ?? DEFAULT_ERROR_AFTER_MS,
      severity: alert.severity,
      runbook: alert.runbook ?? null,
      autoResolve: alert.auto_resolve,
      cooldownMs: alert.cooldown,
      summary: alert.summary ?? null,
      escalation: alert.escalation ?? null,
      labels: alert.labels ?? {},
    });
  }
  return rules;
}
