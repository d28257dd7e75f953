import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { AlertIntake } from '../ingest/index.ts';
import { QueryRuleRunner } from '../prometheus/index.ts';
import type { Clock } from '../time/index.ts';

/**
 * The PromQL rule runner with what it reports wired in: a failed query is logged (a warning the
 * first time, then at debug until it changes, so a Prometheus down for an hour does not flood the
 * log) and counted in opsdeck_query_rule_errors_total on every evaluation.
 */
export function createQueryRules(deps: { clock: Clock; intake: AlertIntake; logger: Logger; registry: Registry }): QueryRuleRunner {
  const errors = new Counter({
    name: 'opsdeck_query_rule_errors_total', help: 'PromQL rule evaluations whose query failed (syntax error, Prometheus unreachable), by rule',
    labelNames: ['rule'] as const, registers: [deps.registry],
  });
  return new QueryRuleRunner({
    clock: deps.clock,
    intake: deps.intake,
    onRuleError: (rule, message, repeated) => {
      errors.inc({ rule: rule.id });
      deps.logger[repeated ? 'debug' : 'warn']({ ruleId: rule.id, datasource: rule.datasource, error: message }, 'PromQL rule query failed; its series keep their states');
    },
    onFailure: (err, ruleId) => deps.logger.error({ err, ruleId }, 'recording a PromQL rule alert failed; the next evaluation retries'),
  });
}
