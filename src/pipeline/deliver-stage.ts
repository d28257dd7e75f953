import type { Deliver, Stage } from './pipeline-types.ts';

/** Hands the event to the app (incident and escalation); a throw stops the event before it is recorded as delivered. */
export function deliverStage<T>(deliver: Deliver<T>): Stage<T> {
  return async (event, context) => {
    await deliver(event, { heldBy: context.heldBy });
  };
}
