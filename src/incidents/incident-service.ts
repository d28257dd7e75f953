import type { Store, StoreTransaction } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { formatDuration } from '../time/index.ts';
import type { Incident, NewTimelineEvent, TimelineEvent } from './incident.ts';
import { IncidentError } from './incident-error.ts';
import { applyAction, type IncidentAction } from './lifecycle.ts';
import { breachesDue, dueTimes, type SeverityTargets } from './due-times.ts';

/** What the service needs to know of an alert rule; the config's AlertRuleDef satisfies it. */
export interface AlertRuleRef {
  id: string;
  service: string;
  name: string;
  severity: string;
  runbook: string | null;
  autoResolve: boolean;
  cooldownMs: number;
  summary: string | null;
  /** Escalation policy of the rule's own; null: the severity's, then the default. */
  escalation: string | null;
}

/** Why an alert's notifications are held back (a silence, a maintenance window, an inhibiting alert). */
export interface HoldReason {
  kind: string;
  id: string;
  description: string;
}

export type ReassignTarget = { user: string } | { policy: string };

/**
 * What incidents need of escalation. Each call takes the transaction of the incident change that
 * causes it, so the change and the notifications it queues commit together (the outbox).
 */
export interface IncidentEscalation {
  choosePolicy(ruleEscalation: string | null, severity: string): string | null;
  start(tx: StoreTransaction, incident: Incident, policy: string | null, hold: string | null): Promise<void>;
  stop(tx: StoreTransaction, incidentId: number, reason: string): Promise<void>;
  reassign(tx: StoreTransaction, incident: Incident, target: ReassignTarget, actor: string): Promise<void>;
}

export interface SeverityCatalog {
  targets(severity: string): SeverityTargets | undefined;
  has(severity: string): boolean;
  ids(): string[];
}

export interface IncidentServiceDeps {
  store: Store;
  clock: Clock;
  severities: () => SeverityCatalog;
  escalation: IncidentEscalation;
  /** Called after a transaction that may have queued notifications has committed (wakes the delivery worker). */
  queued?: () => void;
}

/**
 * Incidents as a person and the alert evaluator see them. Every change goes
 * through the store's update(), which writes the patch and its timeline event
 * in one transaction, so the timeline is never missing a transition.
 */
export class IncidentService {
  private readonly deps: IncidentServiceDeps;

  constructor(deps: IncidentServiceDeps) {
    this.deps = deps;
  }

  async get(id: number): Promise<Incident> {
    const incident = await this.deps.store.incidents.get(id);
    if (!incident) throw new IncidentError('not_found', `no incident ${id}`);
    return incident;
  }

  /**
   * An alert fired: open its incident, or add to the open one, or reopen one resolved within the
   * cool-down. A new or reopened incident starts its escalation in the same transaction, held when
   * a silence, maintenance window or inhibiting alert mutes the alert (recorded, not dropped).
   */
  async alertFired(rule: AlertRuleRef, value: string, hold: HoldReason | null = null): Promise<{ incident: Incident; created: boolean }> {
    const now = this.deps.clock.now();
    const actor = `alert:${rule.id}`;
    const policy = this.deps.escalation.choosePolicy(rule.escalation, rule.severity);
    // Only an escalation that starts with a policy and no hold can queue a notification now; the
    // delivery worker is woken for that alone (a wake-up is two queries, as much as the rest of an
    // incident's opening when nobody is paged).
    let paging = false;
    const outcome = await this.deps.store.withTransaction(async (tx) => {
      const latest = await tx.incidents.latestByKey(rule.id);
      if (latest && latest.status === 'resolved' && latest.resolvedAt !== null && now - latest.resolvedAt < rule.cooldownMs) {
        const reopen = applyAction(latest, { type: 'retrigger' }, now);
        if (reopen.ok) {
          const incident = await tx.incidents.update(latest.id, reopen.patch, {
            at: now, kind: 'status', actor, message: `${reopen.message} (${formatDuration(rule.cooldownMs)}): ${value}`,
            data: { from: 'resolved', to: 'triggered' },
          });
          await this.startEscalation(tx, incident, policy, hold, now);
          paging = policy !== null && hold === null;
          return { incident, created: false };
        }
      }
      const title = rule.summary ?? `${rule.service}: ${rule.name} firing`;
      const opened = await tx.incidents.openOrAppend(
        {
          key: rule.id, title, service: rule.service, severity: rule.severity, status: 'triggered',
          openedAt: now, acknowledgedAt: null, resolvedAt: null,
          ...dueTimes(this.deps.severities().targets(rule.severity), now),
          respondBreachedAt: null, resolveBreachedAt: null, runbook: rule.runbook,
        },
        { at: now, kind: 'alert', actor, message: `Alert ${rule.id} firing: ${value}`, data: { rule: rule.id, state: 'firing' } },
      );
      if (opened.created) {
        await this.startEscalation(tx, opened.incident, policy, hold, now);
        paging = policy !== null && hold === null;
      }
      return opened;
    });
    if (paging) this.deps.queued?.();
    return outcome;
  }

  private async startEscalation(tx: StoreTransaction, incident: Incident, policy: string | null, hold: HoldReason | null, now: number): Promise<void> {
    if (hold) {
      await tx.incidents.addEvent(incident.id, {
        at: now, kind: 'muted', actor: 'system', message: `Notifications held: muted by ${hold.description}`,
        data: { kind: hold.kind, id: hold.id },
      });
    }
    await this.deps.escalation.start(tx, incident, policy, hold ? hold.description : null);
  }

  /** The alert cleared: resolve its incident when the rule says so, else note it on the timeline. */
  async alertResolved(rule: AlertRuleRef, value: string): Promise<Incident | null> {
    const open = await this.deps.store.incidents.findOpenByKey(rule.id);
    if (!open) return null;
    const now = this.deps.clock.now();
    const actor = `alert:${rule.id}`;
    await this.deps.store.incidents.addEvent(open.id, {
      at: now, kind: 'alert', actor, message: `Alert ${rule.id} resolved: ${value}`, data: { rule: rule.id, state: 'resolved' },
    });
    if (!rule.autoResolve) return open;
    return this.act(open.id, { type: 'resolve' }, actor, 'Resolved automatically: the alert cleared');
  }

  /** Acknowledging, any responder status and resolving stop the escalation and cancel what it still had queued, atomically. */
  async act(id: number, action: IncidentAction, actor: string, message?: string): Promise<Incident> {
    const incident = await this.get(id);
    const now = this.deps.clock.now();
    const outcome = applyAction(incident, action, now);
    if (!outcome.ok) throw new IncidentError('conflict', outcome.message);
    const updated = await this.deps.store.withTransaction(async (tx) => {
      const next = await tx.incidents.update(id, outcome.patch, {
        at: now, kind: 'status', actor, message: message ?? outcome.message, data: { from: incident.status, to: outcome.status },
      });
      if (outcome.status !== 'triggered') await this.deps.escalation.stop(tx, id, `${outcome.message} by ${actor}`);
      return next;
    });
    this.deps.queued?.();
    return updated;
  }

  /**
   * Pages someone else, or follows another policy from its first level. An acknowledged incident goes
   * back to triggered: the new responder has not acknowledged it yet.
   */
  async reassign(id: number, target: ReassignTarget, actor: string): Promise<Incident> {
    const incident = await this.get(id);
    if (incident.status === 'resolved') throw new IncidentError('conflict', `incident ${id} is resolved; reopen it before reassigning`);
    const now = this.deps.clock.now();
    const to = 'user' in target ? `user ${target.user}` : `escalation policy ${target.policy}`;
    const updated = await this.deps.store.withTransaction(async (tx) => {
      const next = await tx.incidents.update(id, { status: 'triggered' }, {
        at: now, kind: 'escalation', actor, message: `Reassigned to ${to}`, data: { ...target, from: incident.status },
      });
      await this.deps.escalation.reassign(tx, next, target, actor);
      return next;
    });
    this.deps.queued?.();
    return updated;
  }

  async addNote(id: number, message: string, actor: string): Promise<TimelineEvent> {
    await this.get(id);
    if (!message.trim()) throw new IncidentError('invalid', 'expected a non-empty note', 'message');
    return this.deps.store.incidents.addEvent(id, { at: this.deps.clock.now(), kind: 'note', actor, message, data: null });
  }

  /** Changing severity moves the due times to the new targets, measured from when the incident opened. */
  async changeSeverity(id: number, severity: string, actor: string): Promise<Incident> {
    const catalog = this.deps.severities();
    if (!catalog.has(severity)) {
      throw new IncidentError('invalid', `unknown severity "${severity}"; defined: ${catalog.ids().join(', ')}`, 'severity');
    }
    const incident = await this.get(id);
    if (incident.severity === severity) throw new IncidentError('conflict', `incident ${id} is already ${severity}`);
    const now = this.deps.clock.now();
    return this.deps.store.incidents.update(id, { severity, ...dueTimes(catalog.targets(severity), incident.openedAt) }, {
      at: now, kind: 'severity', actor, message: `Severity changed from ${incident.severity} to ${severity}`,
      data: { from: incident.severity, to: severity },
    });
  }

  /** Records every response or resolution target that has passed unmet. Run on a tick. */
  async recordBreaches(): Promise<number> {
    const now = this.deps.clock.now();
    let recorded = 0;
    for (const incident of await this.deps.store.incidents.unresolved()) {
      for (const breach of breachesDue(incident, now)) {
        const field = breach.target === 'respond' ? 'respondBreachedAt' : 'resolveBreachedAt';
        const event: NewTimelineEvent = {
          at: now, kind: 'breach', actor: 'system',
          message: `${breach.target === 'respond' ? 'Response' : 'Resolution'} target missed (due ${new Date(breach.dueAt).toISOString()})`,
          data: { target: breach.target, dueAt: breach.dueAt },
        };
        await this.deps.store.incidents.update(incident.id, { [field]: now }, event);
        recorded++;
      }
    }
    return recorded;
  }
}
