import type { Config } from '../config/index.ts';
import type { AlertRuleRef, IncidentService } from '../incidents/index.ts';
import type { AlertEvent } from '../pipeline/index.ts';
import type { AlertDetails, AlertSource, AlertTransition, ExternalAlert, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { acceptBatch, type AcceptedEvent } from './accept-batch.ts';

/** What the pipeline's last stage needs of any alert, from a check rule or from another tool. */
export interface AlertRef extends AlertRuleRef {
  labels: Record<string, string>;
}

export interface FireInput {
  source: AlertSource;
  key: string;
  integration: string;
  service: string;
  severity: string;
  summary: string;
  labels: Record<string, string>;
  details: AlertDetails;
  /** Escalation policy of the integration or rule; null: the severity's, then the default. */
  escalation: string | null;
  /** Resolve the incident when the alert resolves (Events v2 and Alertmanager: yes). */
  autoResolve?: boolean;
  runbook?: string | null;
}

export interface AlertIntakeDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  incidents: IncidentService;
  /** The alert pipeline's entry (mute, inhibit, dedup, then the incident). */
  process: (event: AlertEvent<AlertRef>) => Promise<unknown>;
  /** Called after accept() has queued transitions (the transition worker's kick). */
  queued?: () => void;
}

/** A re-fire this soon after resolving reopens the same incident instead of opening (and paging for) a new one. */
const FLAP_COOLDOWN_MS = 5 * 60_000;

/**
 * Alerts from other tools (Events API v2, Alertmanager, PromQL rules) enter here. Each is recorded
 * in the store first; a new firing or a resolution then goes through the same pipeline as a check
 * rule's alert, so silences, inhibition, incidents and escalation treat them alike.
 *
 * Two ways in. fire() and resolve() run the pipeline before they resolve (Alertmanager's webhook
 * and the PromQL rules, whose volume is a few alerts a minute). accept() only commits, events and
 * the transitions they make queued in the same transaction, and take() later runs one queued
 * transition (Events API v2, where a sender may push thousands a second: the answer waits for
 * the disk, not for the incident). Either way an HTTP 2xx after it means the event is durable.
 */
export class AlertIntake {
  private readonly deps: AlertIntakeDeps;

  constructor(deps: AlertIntakeDeps) {
    this.deps = deps;
  }

  async fire(input: FireInput): Promise<{ alert: ExternalAlert; changed: boolean }> {
    const now = this.deps.clock.now();
    const { autoResolve: _a, runbook: _r, escalation: _e, ...recorded } = input;
    const outcome = await this.deps.store.externalAlerts.fire(recorded, now);
    // Only a new firing reaches the pipeline: an update to a firing alert adds to it, it does not page again.
    if (outcome.changed) await this.deps.process(this.event(outcome.alert, 'firing', input));
    return outcome;
  }

  /**
   * The alert cleared. Its incident resolves with it unless the rule says `auto_resolve: false`
   * (then the clearing is only noted on the timeline and a person resolves it).
   */
  async resolve(key: string, options: { autoResolve?: boolean } = {}): Promise<ExternalAlert | null> {
    const alert = await this.deps.store.externalAlerts.resolve(key, this.deps.clock.now());
    if (alert) await this.deps.process(this.event(alert, 'resolved', null, options.autoResolve));
    return alert;
  }

  /**
   * Commits accepted events in one transaction (see acceptBatch); their transitions run later,
   * through take(). The worker is woken only when there are some: a wake-up is a read of the
   * queue, which at thousands of repeat triggers a second cost as much as writing them.
   */
  async accept(events: readonly AcceptedEvent[]): Promise<void> {
    const queued = await this.deps.store.withTransaction((tx) => acceptBatch(tx, events, this.deps.clock.now()));
    if (queued > 0) this.deps.queued?.();
  }

  /**
   * Runs one queued transition through the pipeline, built from the alert as stored now (a firing
   * queued before later triggers updated its summary opens the incident with the newest one).
   */
  async take(transition: AlertTransition): Promise<void> {
    if (transition.transition === 'acknowledged') {
      await this.acknowledge(transition.key, transition.actor ?? 'events-v2');
      return;
    }
    const alert = await this.deps.store.externalAlerts.get(transition.key);
    if (alert) await this.deps.process(this.event(alert, transition.transition, null));
  }

  /** Events v2 `acknowledge`: the alert's open incident is acknowledged (escalation stops); false when there is none. */
  async acknowledge(key: string, actor: string): Promise<boolean> {
    const incident = await this.deps.store.incidents.findOpenByKey(key);
    if (!incident || incident.status !== 'triggered') return false;
    await this.deps.incidents.act(incident.id, { type: 'acknowledge' }, actor);
    return true;
  }

  /** The pipeline's view of a stored alert (for restoring the firing set and releasing held escalations). */
  labelsOf(alert: ExternalAlert): Record<string, string> {
    return alertLabels(alert);
  }

  private event(alert: ExternalAlert, transition: 'firing' | 'resolved', input: FireInput | null, autoResolve?: boolean): AlertEvent<AlertRef> {
    const labels = alertLabels(alert);
    const integration = this.deps.config().integrations.find((i) => i.id === alert.integration);
    const rule: AlertRef = {
      id: alert.key,
      service: alert.service,
      name: labels['alertname']!,
      severity: alert.severity,
      runbook: input?.runbook ?? alert.details.annotations['runbook_url'] ?? null,
      autoResolve: input?.autoResolve ?? autoResolve ?? true,
      cooldownMs: FLAP_COOLDOWN_MS,
      summary: alert.summary,
      escalation: input?.escalation ?? integration?.escalation ?? null,
      labels,
    };
    return { key: alert.key, transition, labels, value: alert.summary, at: this.deps.clock.now(), payload: rule };
  }
}

/**
 * Silences and inhibit rules match these: the sender's labels, then the ones Opsdeck sets (which
 * win, so a sender cannot pretend to be another service).
 */
export function alertLabels(alert: ExternalAlert): Record<string, string> {
  return {
    ...alert.labels,
    alertname: alert.labels['alertname'] ?? alert.details.class ?? alert.summary.slice(0, 80),
    service: alert.service,
    severity: alert.severity,
    source: alert.source,
    integration: alert.integration,
    rule: alert.key,
  };
}
