import type { CheckResult } from '../checks/check-result.ts';
import type { AlertRuleRef } from '../incidents/index.ts';
import { evaluateRule, INACTIVE, type AlertState, type WhenCondition } from '../rules/index.ts';
import type { AlertsStore } from '../store/index.ts';
import type { Clock } from '../time/index.ts';

export interface MonitoredRule extends AlertRuleRef {
  condition: WhenCondition;
}

export interface AlertEvaluatorDeps<R extends MonitoredRule> {
  alerts: AlertsStore;
  /**
   * Hands a firing or resolved transition on (the alert pipeline, then incidents). Awaited before the
   * alert's own state is saved: a crash in between re-fires the alert after restart, and the
   * incident store finds the incident instead of opening a second one. The other order would lose it.
   */
  deliver: (rule: R, transition: 'firing' | 'resolved', value: string) => Promise<void>;
  clock: Clock;
  onError: (err: unknown, ruleId: string) => void;
  onTransition?: (ruleId: string, to: string) => void;
}

/**
 * Runs the pure rule evaluation for every rule over a check when a result
 * arrives, persists transitions, and hands firing/resolved to incidents.
 * Each rule's work is chained so two results for one check never race.
 */
export class AlertEvaluator<R extends MonitoredRule = MonitoredRule> {
  private readonly deps: AlertEvaluatorDeps<R>;
  private rulesByCheck = new Map<string, R[]>();
  private readonly states = new Map<string, AlertState>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(deps: AlertEvaluatorDeps<R>) {
    this.deps = deps;
  }

  setRules(rules: readonly R[]): void {
    const byCheck = new Map<string, R[]>();
    for (const rule of rules) {
      const list = byCheck.get(rule.condition.check) ?? [];
      list.push(rule);
      byCheck.set(rule.condition.check, list);
    }
    this.rulesByCheck = byCheck;
  }

  restore(ruleId: string, state: AlertState): void {
    this.states.set(ruleId, state);
  }

  state(ruleId: string): AlertState {
    return this.states.get(ruleId) ?? INACTIVE;
  }

  /** `recent` is the check's recent results, oldest first, ending with the new one. */
  onResult(checkId: string, recent: readonly CheckResult[]): void {
    for (const rule of this.rulesByCheck.get(checkId) ?? []) {
      const prev = this.chains.get(rule.id) ?? Promise.resolve();
      const snapshot = recent.slice();
      const next = prev.then(() => this.evaluate(rule, snapshot)).catch((err) => this.deps.onError(err, rule.id));
      this.chains.set(rule.id, next);
    }
  }

  /** Resolves when every evaluation queued so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  private async evaluate(rule: R, recent: readonly CheckResult[]): Promise<void> {
    const now = this.deps.clock.now();
    const { next, transition } = evaluateRule(rule.condition, this.state(rule.id), recent, now);
    this.states.set(rule.id, next);
    if (!transition) return;
    this.deps.onTransition?.(rule.id, transition);
    if (transition === 'firing' || transition === 'resolved') await this.deps.deliver(rule, transition, next.value);
    await this.deps.alerts.save({ ruleId: rule.id, ...next, updatedAt: now });
  }
}
