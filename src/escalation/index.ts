// Escalation's only door: the planner, policy choice and the clock-driven service.
export { cycleMs, dueSteps, nextStep, stepAt, stepCount } from './escalation-plan.ts';
export type { PlannedStep } from './escalation-plan.ts';
export { choosePolicy, resolvePolicy, userPolicyId } from './policy-choice.ts';
export { planStep } from './step-notifications.ts';
export type { StepInput, StepPlan } from './step-notifications.ts';
export type { OnCallLookup, ResolvedTarget } from './target-resolve.ts';
export { EscalationService } from './escalation-service.ts';
export type { EscalationDeps, ReassignTarget } from './escalation-service.ts';
