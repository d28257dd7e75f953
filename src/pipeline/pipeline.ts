import { dedupStage } from './dedup-stage.ts';
import { deliverStage } from './deliver-stage.ts';
import { inhibitReason, inhibitStage } from './inhibit-stage.ts';
import type { Labels } from './label-matcher.ts';
import { muteStage } from './mute-stage.ts';
import { firstMute, type MuteReason } from './muter.ts';
import type { AlertEvent, Outcome, PipelineDeps, Stage, StageContext } from './pipeline-types.ts';
import { recordStage } from './record-stage.ts';

export interface Pipeline<T> {
  process(event: AlertEvent<T>): Promise<Outcome>;
  /**
   * The mute and inhibit decision for an alert that is already firing, asked
   * on a tick to release held escalations once a silence ends or the
   * inhibiting alert resolves.
   */
  heldReason(labels: Labels, key: string, at: number): MuteReason | null;
}

/**
 * The path from an alert transition to its incident, in order, in one place:
 * a new stage is one file and one line here.
 */
export function buildPipeline<T>(deps: PipelineDeps<T>): Pipeline<T> {
  const stages: Stage<T>[] = [
    muteStage(deps.muters),
    inhibitStage(deps.inhibitRules, deps.firing),
    dedupStage(deps.firing),
    deliverStage(deps.deliver),
    recordStage(deps.firing),
  ];

  async function run(event: AlertEvent<T>): Promise<Outcome> {
    const context: StageContext = { heldBy: null };
    for (const stage of stages) {
      const stop = await stage(event, context);
      if (stop !== undefined) return stop;
    }
    return 'delivered';
  }

  // Events for one key run one after another, in arrival order: a 'resolved'
  // must not overtake the 'firing' still being delivered, and two 'firing'
  // events must not both pass dedup while the first is in deliver.
  const tails = new Map<string, Promise<unknown>>();

  return {
    process(event) {
      const previous = tails.get(event.key);
      const result = previous === undefined ? run(event) : previous.then(() => run(event));
      const tail = result.catch(() => undefined);
      tails.set(event.key, tail);
      void tail.then(() => {
        if (tails.get(event.key) === tail) tails.delete(event.key);
      });
      return result;
    },

    heldReason(labels, key, at) {
      return firstMute(deps.muters(), labels, at) ?? inhibitReason(deps.inhibitRules(), deps.firing, key, labels);
    },
  };
}
