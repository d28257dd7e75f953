import { firstMute, type Muter } from './muter.ts';
import type { Stage } from './pipeline-types.ts';

/**
 * Asks each muter (silences, later maintenance windows) about a firing alert.
 * A muted alert goes on, held, so its incident is recorded as muted rather than
 * lost. A resolved one is never held: it must always close its incident.
 */
export function muteStage<T>(muters: () => readonly Muter[]): Stage<T> {
  return (event, context) => {
    if (event.transition !== 'firing' || context.heldBy !== null) return;
    context.heldBy = firstMute(muters(), event.labels, event.at);
  };
}
