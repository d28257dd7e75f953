import { randomBytes } from 'node:crypto';
import type { Config, EscalationPolicyDef } from '../config/config-types.ts';
import { IncidentError, type Incident } from '../incidents/index.ts';
import type { NotificationKind } from '../notify/notify-types.ts';
import type { EscalationRecord, Store, StoreTransaction } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { formatDuration } from '../time/index.ts';
import { dueSteps, stepAt, stepCount } from './escalation-plan.ts';
import { choosePolicy, resolvePolicy, userPolicyId } from './policy-choice.ts';
import { performSteps } from './step-perform.ts';
import type { OnCallLookup } from './target-resolve.ts';

export interface EscalationDeps {
  clock: Clock;
  config: () => Config;
  onCallUser: OnCallLookup;
  consoleUrl: () => string;
  /** Called after runDue's own transactions queued notifications (the app kicks the delivery worker). */
  onEnqueued?: () => void;
  /** Lease owner name for claimed escalations; several processes must differ. */
  owner?: string;
}

export type ReassignTarget = { user: string } | { policy: string };

/** Long enough for one step's transaction; a holder that dies frees its escalations this soon. */
const LEASE_MS = 30_000;
const BATCH = 100;

/**
 * Where each incident is in its escalation policy, moved by the clock. Every method that changes an
 * incident's paging takes the caller's transaction, so the incident change and the notifications it
 * queues commit together (the transactional outbox); the caller wakes the delivery worker after its
 * commit. runDue owns its transactions and calls onEnqueued itself.
 */
export class EscalationService {
  private readonly deps: EscalationDeps;
  private readonly owner: string;

  constructor(deps: EscalationDeps) {
    this.deps = deps;
    this.owner = deps.owner ?? `escalation:${randomBytes(4).toString('hex')}`;
  }

  choosePolicy(ruleEscalation: string | null, severity: string): string | null {
    return choosePolicy(this.deps.config(), ruleEscalation, severity);
  }

  /**
   * Starts paging for a new or reopened incident: its first step runs now when it is due at once.
   * Held: nothing is sent until release (the caller records why on the timeline). No policy, or one
   * the config no longer has: nobody is paged, and the timeline says so.
   */
  async start(tx: StoreTransaction, incident: Incident, policyId: string | null, hold: string | null): Promise<void> {
    const now = this.deps.clock.now();
    const policy = policyId === null ? null : resolvePolicy(this.deps.config(), policyId);
    if (!policy) {
      const message = policyId === null ? 'No escalation policy: nobody is paged' : `Escalation policy ${policyId} is not in the config: nobody is paged`;
      await tx.escalations.put(record(incident.id, policyId ?? '', now, { state: 'stopped', reason: message }));
      await this.note(tx, incident.id, now, message, 'system', { policy: policyId });
      return;
    }
    if (hold !== null) {
      await tx.escalations.put(record(incident.id, policy.id, now, { state: 'held', reason: hold }));
      return;
    }
    await this.begin(tx, incident, policy, now, 'incident.triggered');
  }

  /** Acknowledged, resolved or stopped by hand: nothing more is sent, including delayed personal-rule rows. Quiet when there is nothing to stop. */
  async stop(tx: StoreTransaction, incidentId: number, reason: string, actor = 'system'): Promise<void> {
    const now = this.deps.clock.now();
    const current = await tx.escalations.get(incidentId);
    const cancelled = await tx.notifications.cancelPending(incidentId, now, reason);
    const wasRunning = current !== null && current.state !== 'stopped';
    if (wasRunning) await tx.escalations.put({ ...current, state: 'stopped', nextAt: null, reason, updatedAt: now });
    if (wasRunning || cancelled > 0) {
      await this.note(tx, incidentId, now, `Escalation stopped: ${reason}${cancelledNote(cancelled)}`, actor, { cancelled });
    }
  }

  /** Muted while paging (a silence or maintenance began): pending rows are cancelled, and the plan waits for release. */
  async hold(tx: StoreTransaction, incidentId: number, reason: string, actor = 'system'): Promise<void> {
    const now = this.deps.clock.now();
    const current = await tx.escalations.get(incidentId);
    if (current?.state !== 'active') return;
    const cancelled = await tx.notifications.cancelPending(incidentId, now, reason);
    await tx.escalations.put({ ...current, state: 'held', reason, updatedAt: now });
    await this.note(tx, incidentId, now, `Notifications held: ${reason}${cancelledNote(cancelled)}`, actor, { cancelled });
  }

  /**
   * The mute ended; the next tick carries on. An escalation held before it paged anyone starts its
   * policy afresh from now (level delays count from when paging really begins); one held midway
   * keeps its plan, and steps that fell due meanwhile are caught up (escalation-plan.ts, dueSteps).
   */
  async release(tx: StoreTransaction, incidentId: number, reason: string, actor = 'system'): Promise<void> {
    const now = this.deps.clock.now();
    const current = await tx.escalations.get(incidentId);
    if (current?.state !== 'held') return;
    const policy = resolvePolicy(this.deps.config(), current.policy);
    if (!policy) return this.stop(tx, incidentId, `escalation policy ${current.policy} is no longer in the config`, actor);
    const startedAt = current.nextStep === 0 ? now : current.startedAt;
    const next = stepAt(policy, startedAt, current.nextStep);
    await tx.escalations.put({ ...current, state: 'active', startedAt, nextAt: next ? Math.max(next.at, now) : null, reason, updatedAt: now });
    await this.note(tx, incidentId, now, `Notifications resume: ${reason}`, actor, null);
  }

  /** Pages someone else, or another policy from its first level; what the old escalation still had queued is cancelled. */
  async reassign(tx: StoreTransaction, incident: Incident, target: ReassignTarget, actor = 'system'): Promise<void> {
    const config = this.deps.config();
    const policyId = 'user' in target ? userPolicyId(target.user) : target.policy;
    const policy = resolvePolicy(config, policyId);
    if (!policy) {
      const [field, known] = 'user' in target ? ['user', config.users] as const : ['policy', config.escalationPolicies] as const;
      const name = 'user' in target ? target.user : target.policy;
      throw new IncidentError('invalid', `no ${field} "${name}" in the config; expected one of: ${known.map((k) => k.id).join(', ') || '(none)'}`, field);
    }
    const now = this.deps.clock.now();
    const cancelled = await tx.notifications.cancelPending(incident.id, now, `reassigned by ${actor}`);
    if (cancelled > 0) await this.note(tx, incident.id, now, `Previous escalation stopped${cancelledNote(cancelled)}`, actor, { cancelled });
    await this.begin(tx, incident, policy, now, 'incident.reassigned');
  }

  /**
   * Performs every escalation step that has fallen due, each escalation in its own transaction;
   * returns how many steps ran. An incident acknowledged or resolved since its last step is stopped
   * instead (the backstop for a caller that changed it without stop()).
   */
  async runDue(store: Store): Promise<number> {
    const now = this.deps.clock.now();
    let steps = 0;
    let queued = 0;
    let failure: unknown = null;
    for (const claimed of await store.escalations.claimDue(now, BATCH, LEASE_MS, this.owner)) {
      try {
        const done = await store.withTransaction((tx) => this.advance(tx, claimed.incidentId, now));
        steps += done.steps;
        queued += done.queued;
      } catch (error) {
        // One broken escalation must not hold up the others; its lease runs out and it is tried again.
        failure ??= error;
      }
    }
    if (queued > 0) this.deps.onEnqueued?.();
    if (failure !== null) throw failure;
    return steps;
  }

  private async advance(tx: StoreTransaction, incidentId: number, now: number): Promise<{ steps: number; queued: number }> {
    const idle = { steps: 0, queued: 0 };
    // The incident row first, locked: an acknowledgement (which updates that row, then stops the
    // escalation) either commits before this read, and we see it, or waits for our commit and then
    // cancels what this step queued. Same lock order as the acknowledgement, so no deadlock.
    const incident = await tx.incidents.getForUpdate(incidentId);
    // Re-read under the transaction: it may have been stopped, held or reassigned since the claim.
    const current = await tx.escalations.get(incidentId);
    if (current?.state !== 'active' || current.nextAt === null || current.nextAt > now) return idle;
    if (!incident) {
      await tx.escalations.put({ ...current, state: 'stopped', nextAt: null, reason: 'the incident no longer exists', updatedAt: now });
      return idle;
    }
    if (incident.status !== 'triggered') {
      await this.stop(tx, incidentId, `the incident is ${incident.status}`);
      return idle;
    }
    const policy = resolvePolicy(this.deps.config(), current.policy);
    if (!policy) {
      await this.stop(tx, incidentId, `escalation policy ${current.policy} is no longer in the config`);
      return idle;
    }
    const { perform, next } = dueSteps(policy, current.startedAt, current.nextStep, now);
    const queued = await performSteps(tx, this.context(now), incident, policy, current.startedAt, perform, 'incident.triggered');
    await tx.escalations.put({ ...current, nextStep: next?.index ?? stepCount(policy), nextAt: next?.at ?? null, updatedAt: now });
    return { steps: perform.length, queued };
  }

  /** A fresh run of a policy from its first step, performing what is due at once. */
  private async begin(tx: StoreTransaction, incident: Incident, policy: EscalationPolicyDef, now: number, firstKind: NotificationKind): Promise<void> {
    const { perform, next } = dueSteps(policy, now, 0, now);
    await performSteps(tx, this.context(now), incident, policy, now, perform, firstKind);
    await tx.escalations.put({
      ...record(incident.id, policy.id, now, { state: 'active', reason: null }),
      nextStep: next?.index ?? stepCount(policy), nextAt: next?.at ?? null,
    });
    if (perform.length === 0 && next) {
      await this.note(tx, incident.id, now, `Escalation policy ${policy.id} started: level 1 in ${formatDuration(next.at - now)}`, 'system', { policy: policy.id });
    }
  }

  private context(now: number) {
    return { config: this.deps.config(), onCallUser: this.deps.onCallUser, consoleUrl: this.deps.consoleUrl(), now };
  }

  private async note(tx: StoreTransaction, incidentId: number, at: number, message: string, actor: string, data: Record<string, unknown> | null) {
    await tx.incidents.addEvent(incidentId, { at, kind: 'escalation', actor, message, data });
  }
}

function record(incidentId: number, policy: string, now: number, state: Pick<EscalationRecord, 'state' | 'reason'>): EscalationRecord {
  return { incidentId, policy, startedAt: now, nextStep: 0, nextAt: null, updatedAt: now, ...state };
}

function cancelledNote(cancelled: number): string {
  if (cancelled === 0) return '';
  return `; ${cancelled} pending notification${cancelled === 1 ? '' : 's'} cancelled`;
}
