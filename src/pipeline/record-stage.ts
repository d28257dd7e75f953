import type { FiringSet } from './firing-set.ts';
import type { Stage } from './pipeline-types.ts';

/**
 * Marks a firing alert delivered only once deliver has succeeded (Alertmanager's
 * SetNotifiesStage): if deliver threw, the next 'firing' for the key is not a
 * duplicate and gets its incident.
 */
export function recordStage<T>(firing: FiringSet): Stage<T> {
  return (event) => {
    if (event.transition === 'firing') firing.markDelivered(event.key);
  };
}
