/** The only door into the Prometheus integration: the HTTP API client, PromQL rule parsing, evaluation and the runner. */
export { PrometheusClient } from './prom-client.ts';
export type { PrometheusEndpoint } from './prom-client.ts';
export type { PromError, PromErrorKind, PromResult, PromSample, QueryOutcome } from './prom-result.ts';
export { formatSampleValue } from './prom-result.ts';
export { readQueryAnswer, describePromError } from './prom-envelope.ts';
export { parseQueryWhen, isQueryWhen, QUERY_PREFIX } from './query-when-parse.ts';
export type { QueryOperator, QueryWhen, QueryWhenParse } from './query-when-parse.ts';
export { evaluateQueryRule, compare, NO_STATE } from './query-rule-evaluate.ts';
export type { QueryRuleAction, QueryRuleSpec, QueryRuleState, SeriesState } from './query-rule-evaluate.ts';
export { seriesKey, seriesLabels, ruleErrorKey } from './series-key.ts';
export { QueryRuleRunner } from './query-rule-runner.ts';
export type { QueryRuleRunnerDeps, QueryRuleView } from './query-rule-runner.ts';
