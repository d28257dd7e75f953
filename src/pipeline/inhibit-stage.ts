import type { InhibitRuleDef } from '../config/config-types.ts';
import type { FiringSet } from './firing-set.ts';
import { describeInhibition, inhibitedBy } from './inhibit-rules.ts';
import type { Labels } from './label-matcher.ts';
import type { MuteReason } from './muter.ts';
import type { Stage } from './pipeline-types.ts';

/** The inhibition as a mute reason naming the inhibiting alert's key, for the timeline. */
export function inhibitReason(rules: readonly InhibitRuleDef[], firing: FiringSet, key: string, labels: Labels): MuteReason | null {
  const found = inhibitedBy(rules, firing, key, labels);
  return found === null ? null : { kind: 'inhibit', id: found.sourceKey, description: describeInhibition(found, labels) };
}

/** Like mute: an inhibited firing alert goes on, held, and records which alert inhibited it. */
export function inhibitStage<T>(rules: () => readonly InhibitRuleDef[], firing: FiringSet): Stage<T> {
  return (event, context) => {
    if (event.transition !== 'firing' || context.heldBy !== null) return;
    context.heldBy = inhibitReason(rules(), firing, event.key, event.labels);
  };
}
