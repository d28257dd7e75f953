import type { DatasourceDef, QueryRuleDef } from '../config/index.ts';
import type { AlertIntake } from '../ingest/index.ts';
import type { ExternalAlert } from '../store/index.ts';
import type { Clock, Timer } from '../time/index.ts';
import { PrometheusClient } from './prom-client.ts';
import { formatSampleValue } from './prom-result.ts';
import { ruleErrorAlert, seriesAlert } from './query-rule-alerts.ts';
import { evaluateQueryRule, NO_STATE } from './query-rule-evaluate.ts';
import type { QueryRuleAction, QueryRuleState } from './query-rule-evaluate.ts';
import { ruleErrorKey } from './series-key.ts';

export interface QueryRuleRunnerDeps {
  clock: Clock;
  intake: Pick<AlertIntake, 'fire' | 'resolve'>;
  /** A query failed (Prometheus's error, or why it could not be asked); `repeated` when the last evaluation failed the same way. */
  onRuleError(rule: QueryRuleDef, message: string, repeated: boolean): void;
  /** Something other than the query failed: recording an alert (the store, the pipeline). */
  onFailure(err: unknown, ruleId: string): void;
}

/** A rule as the API shows it: what it asks, when it last ran, what went wrong, each series' state. */
export interface QueryRuleView {
  id: string;
  service: string;
  datasource: string;
  when: string;
  everyMs: number;
  lastEvaluatedAt: number | null;
  lastError: { message: string; since: number } | null;
  errorFiring: boolean;
  series: { key: string; labels: Record<string, string>; state: 'pending' | 'firing'; activeSince: number; firedAt: number | null; value: string }[];
}

interface Slot {
  rule: QueryRuleDef;
  client: PrometheusClient;
  state: QueryRuleState;
  timer: Timer | null;
}

/**
 * Runs every PromQL rule every `every` on the injected clock and turns the evaluator's decisions
 * into intake calls. Survives reloads (setRules keeps each surviving rule's series) and restarts
 * (start() picks up the series that were firing, so none is paged twice and a cleared one resolves).
 */
export class QueryRuleRunner {
  private readonly deps: QueryRuleRunnerDeps;
  private readonly slots = new Map<string, Slot>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  private stopped = false;

  constructor(deps: QueryRuleRunnerDeps) {
    this.deps = deps;
  }

  /** The rules of a (re)loaded config. A removed rule's firing alerts resolve: nothing is left to clear them. */
  setRules(rules: readonly QueryRuleDef[], datasources: readonly DatasourceDef[]): void {
    const sources = new Map(datasources.map((d) => [d.id, d]));
    const next = new Set(rules.map((r) => r.id));
    for (const [id, slot] of this.slots) {
      if (next.has(id)) continue;
      slot.timer?.cancel();
      this.slots.delete(id);
      this.track(this.resolveAll(id, [...slot.state.series.values()].filter((s) => s.state === 'firing').map((s) => s.key), slot.state.errorFiring));
    }
    for (const rule of rules) {
      const source = sources.get(rule.datasource);
      // The loader checks every reference; a rule without its datasource cannot be run.
      if (!source) throw new Error(`PromQL rule ${rule.id} names datasource "${rule.datasource}", which the config does not define`);
      const client = new PrometheusClient({ url: source.url, headers: source.headers, timeoutMs: source.timeoutMs });
      const slot = this.slots.get(rule.id);
      if (slot) {
        const reschedule = slot.rule.everyMs !== rule.everyMs;
        Object.assign(slot, { rule, client });
        if (reschedule && this.started && slot.timer) this.schedule(slot, rule.everyMs);
      } else {
        const added: Slot = { rule, client, state: NO_STATE, timer: null };
        this.slots.set(rule.id, added);
        if (this.started) this.schedule(added, 0);
      }
    }
  }

  /** Picks up what was firing before a restart (the store's firing prometheus alerts), then starts the timers. */
  start(firing: readonly ExternalAlert[]): void {
    const orphans = new Map<string, string[]>();
    for (const alert of firing) {
      if (alert.source !== 'prometheus') continue;
      const slot = this.slots.get(alert.integration);
      if (!slot) orphans.set(alert.integration, [...(orphans.get(alert.integration) ?? []), alert.key]);
      else if (alert.key === ruleErrorKey(slot.rule.id)) slot.state = { ...slot.state, errorFiring: true };
      else {
        const series = new Map(slot.state.series);
        series.set(alert.key, { key: alert.key, labels: alert.labels, state: 'firing', activeSince: alert.details.startedAt ?? alert.firedAt, firedAt: alert.firedAt, value: NaN });
        slot.state = { ...slot.state, series };
      }
    }
    for (const [ruleId, keys] of orphans) this.track(this.resolveAll(ruleId, keys, false));
    this.started = true;
    for (const slot of this.slots.values()) this.schedule(slot, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const slot of this.slots.values()) slot.timer?.cancel();
    await this.settled();
  }

  /** Resolves when every evaluation and resolution under way is done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  view(): QueryRuleView[] {
    return [...this.slots.values()].map(({ rule, state }) => ({
      id: rule.id, service: rule.service, datasource: rule.datasource, when: rule.when, everyMs: rule.everyMs,
      lastEvaluatedAt: state.lastEvaluatedAt, lastError: state.lastError, errorFiring: state.errorFiring,
      series: [...state.series.values()].map((s) => ({ key: s.key, labels: s.labels, state: s.state, activeSince: s.activeSince, firedAt: s.firedAt, value: formatSampleValue(s.value) })),
    }));
  }

  private schedule(slot: Slot, delayMs: number): void {
    slot.timer?.cancel();
    slot.timer = this.deps.clock.setTimer(delayMs, () => {
      slot.timer = null;
      const started = this.deps.clock.now();
      this.track(this.evaluate(slot).finally(() => {
        // Next run one interval after this one began, never overlapping it.
        if (!this.stopped && this.slots.get(slot.rule.id) === slot) this.schedule(slot, slot.rule.everyMs - (this.deps.clock.now() - started));
      }));
    });
  }

  private async evaluate(slot: Slot): Promise<void> {
    const { rule, client } = slot;
    const now = this.deps.clock.now();
    const outcome = await client.query(rule.expr, now);
    if (this.slots.get(rule.id) !== slot) return;
    if (!outcome.ok) this.deps.onRuleError(rule, outcome.error.message, slot.state.lastError?.message === outcome.error.message);
    const { next, actions } = evaluateQueryRule(rule, slot.state, outcome, now);
    try {
      for (const action of actions) await this.perform(slot, action, now);
      slot.state = next;
    } catch (err) {
      // The state stays as it was, so the next evaluation tries the same transitions again (the intake is idempotent per key).
      slot.state = { ...slot.state, lastEvaluatedAt: now };
      this.deps.onFailure(err, rule.id);
    }
  }

  private async perform(slot: Slot, action: QueryRuleAction, now: number): Promise<void> {
    const { rule, client } = slot;
    const url = client.endpoint.url;
    switch (action.kind) {
      case 'fire':
        await this.deps.intake.fire(seriesAlert(rule, url, action.series));
        return;
      case 'resolve':
        await this.deps.intake.resolve(action.series.key, { autoResolve: rule.autoResolve });
        return;
      case 'fire-error':
        await this.deps.intake.fire(ruleErrorAlert(rule, url, action.message, action.since, now));
        return;
      case 'resolve-error':
        await this.deps.intake.resolve(ruleErrorKey(rule.id));
    }
  }

  private async resolveAll(ruleId: string, keys: string[], errorFiring: boolean): Promise<void> {
    try {
      for (const key of errorFiring ? [...keys, ruleErrorKey(ruleId)] : keys) await this.deps.intake.resolve(key);
    } catch (err) {
      this.deps.onFailure(err, ruleId);
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => this.deps.onFailure(err, 'query rules')).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

