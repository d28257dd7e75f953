import type { QueryRuleDef } from '../config/index.ts';
import type { FireInput } from '../ingest/index.ts';
import { formatDuration } from '../time/index.ts';
import { formatSampleValue } from './prom-result.ts';
import { describeValue } from './query-rule-evaluate.ts';
import type { SeriesState } from './query-rule-evaluate.ts';
import { ruleErrorKey } from './series-key.ts';

/**
 * What the intake records for a firing series: the series' labels, then the rule's (which win,
 * as in Prometheus), and the rule's name as alertname, so silences and inhibit rules match
 * PromQL alerts the way they match Alertmanager's.
 */
export function seriesAlert(rule: QueryRuleDef, datasourceUrl: string, series: SeriesState): FireInput {
  const condition = describeValue(rule, series.value);
  const labelText = series.key.slice(rule.id.length);
  const summary = rule.summary
    ? expandSummary(rule.summary, series)
    : `${rule.name}: ${condition}${rule.forMs ? ` for ${formatDuration(rule.forMs)}` : ''}${labelText === '{}' ? '' : ` on ${labelText}`}`;
  return {
    ...common(rule),
    key: series.key,
    summary,
    labels: { ...series.labels, ...rule.labels, alertname: rule.name },
    details: {
      ...details(rule, datasourceUrl),
      annotations: { query: rule.expr, value: formatSampleValue(series.value), condition: `${rule.op} ${formatSampleValue(rule.threshold)}`, for: formatDuration(rule.forMs) },
      startedAt: series.activeSince,
    },
    autoResolve: rule.autoResolve,
  };
}

/** The alert a rule raises about itself: its query has failed for errorAfterMs, so nobody knows whether its condition holds. */
export function ruleErrorAlert(rule: QueryRuleDef, datasourceUrl: string, message: string, since: number, now: number): FireInput {
  return {
    ...common(rule),
    key: ruleErrorKey(rule.id),
    summary: `PromQL rule ${rule.id} has failed for ${formatDuration(now - since)}, so its condition is unknown: ${message}`,
    labels: { ...rule.labels, alertname: `${rule.name}:error` },
    details: { ...details(rule, datasourceUrl), annotations: { query: rule.expr, error: message }, startedAt: since },
    autoResolve: true,
  };
}

function common(rule: QueryRuleDef) {
  return { source: 'prometheus' as const, integration: rule.id, service: rule.service, severity: rule.severity, escalation: rule.escalation, runbook: rule.runbook };
}

function details(rule: QueryRuleDef, datasourceUrl: string) {
  return {
    source: `prometheus:${rule.datasource}`,
    component: null,
    group: null,
    class: rule.name,
    customDetails: null,
    links: [],
    images: [],
    client: null,
    clientUrl: null,
    // Prometheus's own link to the expression, as its alerts carry.
    generatorUrl: `${datasourceUrl}/graph?g0.expr=${encodeURIComponent(rule.expr)}&g0.tab=1`,
  };
}

/** `{{ $labels.instance }}` and `{{ $value }}`, the two Prometheus template forms people use in summaries. */
function expandSummary(template: string, series: SeriesState): string {
  return template
    .replace(/\{\{\s*\$value\s*\}\}/g, formatSampleValue(series.value))
    .replace(/\{\{\s*\$labels\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => series.labels[name] ?? '');
}
