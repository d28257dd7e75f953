import type { InhibitRuleDef } from '../config/config-types.ts';
import { formatMatcher, matchesAll, type Labels } from './label-matcher.ts';
import type { FiringSet } from './firing-set.ts';

export interface Inhibition {
  sourceKey: string;
  rule: InhibitRuleDef;
}

/**
 * The firing alert that inhibits this one, or null, as in Alertmanager: a
 * firing alert matching a rule's `source` inhibits an alert matching its
 * `target` when every `equal` label has the same value on both (an absent label
 * is "", so two alerts both without it are equal). An alert never inhibits
 * itself, and an alert that matches both sides of a rule is only inhibited by
 * a source that does not: otherwise two such alerts would inhibit each other
 * and nobody would be paged.
 */
export function inhibitedBy(rules: readonly InhibitRuleDef[], firing: FiringSet, key: string, labels: Labels): Inhibition | null {
  for (const rule of rules) {
    if (!matchesAll(rule.target, labels)) continue;
    const twoSided = matchesAll(rule.source, labels);
    for (const [sourceKey, sourceLabels] of firing.entries()) {
      if (sourceKey === key || !matchesAll(rule.source, sourceLabels)) continue;
      if (!rule.equal.every((name) => (sourceLabels[name] ?? '') === (labels[name] ?? ''))) continue;
      if (twoSided && matchesAll(rule.target, sourceLabels)) continue;
      return { sourceKey, rule };
    }
  }
  return null;
}

/** `inhibited by firing alert "api/down" (service="api")`: the equal labels say why these two belong together. */
export function describeInhibition({ sourceKey, rule }: Inhibition, labels: Labels): string {
  const shared = rule.equal.map((label) => formatMatcher({ label, op: '=', value: labels[label] ?? '' }));
  return `inhibited by firing alert ${JSON.stringify(sourceKey)}${shared.length > 0 ? ` (${shared.join(', ')})` : ''}`;
}
