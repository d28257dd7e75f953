/**
 * A series' labels as an alert sees them: Prometheus drops the metric name from an alert's
 * labels (the rule names the alert), and so does Opsdeck.
 */
export function seriesLabels(metric: Record<string, string>): Record<string, string> {
  const { __name__: _name, ...labels } = metric;
  return labels;
}

/** `api/error-rate{instance="a:9100",job="api"}`: labels sorted, values quoted, so the key is stable across queries. */
export function seriesKey(ruleId: string, labels: Record<string, string>): string {
  const pairs = Object.keys(labels).sort().map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `${ruleId}{${pairs.join(',')}}`;
}

/** The key of the alert a rule raises about itself when its query keeps failing. */
export function ruleErrorKey(ruleId: string): string {
  return `${ruleId}:error`;
}
