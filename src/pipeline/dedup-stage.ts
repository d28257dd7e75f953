import type { FiringSet } from './firing-set.ts';
import type { Stage } from './pipeline-types.ts';

/**
 * Drops a 'firing' for an alert that is firing and already delivered (a
 * re-sent webhook, a restart). Keeps the firing set current either way, so
 * inhibition sees new sources at once and stops seeing resolved ones.
 * Resolved events always pass: closing an incident twice is harmless, missing
 * a close is not.
 */
export function dedupStage<T>(firing: FiringSet): Stage<T> {
  return (event) => {
    if (event.transition === 'resolved') {
      firing.remove(event.key);
      return;
    }
    const duplicate = firing.isDelivered(event.key);
    firing.add(event.key, event.labels);
    if (duplicate) return 'duplicate';
  };
}
