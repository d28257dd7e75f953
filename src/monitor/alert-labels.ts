import type { AlertRuleDef } from '../config/index.ts';
import type { Labels } from '../pipeline/index.ts';

/**
 * The labels silences and inhibit rules match on. The rule's own labels come first so the
 * built-in ones (which identify the alert) cannot be overwritten by accident.
 */
export function alertLabels(rule: AlertRuleDef): Labels {
  return {
    ...rule.labels,
    alertname: rule.name,
    rule: rule.id,
    service: rule.service,
    severity: rule.severity,
    check: rule.condition.check,
  };
}
