import type { Config, EscalationPolicyDef } from '../config/config-types.ts';
import type { Incident } from '../incidents/index.ts';
import type { NotificationKind } from '../notify/notify-types.ts';
import type { StoreTransaction } from '../store/index.ts';
import type { PlannedStep } from './escalation-plan.ts';
import { planStep } from './step-notifications.ts';
import { resolveTargets, type OnCallLookup } from './target-resolve.ts';

export interface StepContext {
  config: Config;
  onCallUser: OnCallLookup;
  consoleUrl: string;
  now: number;
}

/**
 * Queues the notifications of each step and writes one timeline event per step, all through the
 * caller's transaction. Schedules are looked up at `now`, when the step is actually performed: a
 * step caught up after downtime pages whoever is on call now, not whoever was when it fell due.
 * Returns how many outbox rows were inserted (a replayed key inserts nothing).
 */
export async function performSteps(
  tx: StoreTransaction,
  ctx: StepContext,
  incident: Incident,
  policy: EscalationPolicyDef,
  runStartedAt: number,
  steps: readonly PlannedStep[],
  firstKind: NotificationKind,
): Promise<number> {
  let inserted = 0;
  for (const step of steps) {
    const level = policy.levels[step.level];
    if (!level) continue;
    const targets = await resolveTargets(level.targets, ctx.now, (schedule, at) => ctx.onCallUser(schedule, at, tx));
    const plan = planStep({
      config: ctx.config, incident, round: step.round, level: step.level,
      kind: step.index === 0 ? firstKind : 'incident.escalated',
      targets, now: ctx.now, consoleUrl: ctx.consoleUrl, runStartedAt,
    });
    const rows = await tx.notifications.enqueue(plan.rows);
    inserted += rows.length;
    await tx.incidents.addEvent(incident.id, {
      at: ctx.now, kind: 'escalation', actor: 'system', message: plan.summary,
      data: { policy: policy.id, step: step.index, round: step.round, level: step.level, reached: plan.reached, missed: plan.missed },
    });
  }
  return inserted;
}
