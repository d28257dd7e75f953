import type { InhibitRuleDef } from '../config/config-types.ts';
import type { FiringSet } from './firing-set.ts';
import type { Labels } from './label-matcher.ts';
import type { Muter, MuteReason } from './muter.ts';

/** One alert transition entering the pipeline. `payload` reaches `deliver` untouched (the app puts the alert rule there). */
export interface AlertEvent<T = unknown> {
  key: string;
  transition: 'firing' | 'resolved';
  labels: Labels;
  value: string;
  at: number;
  payload: T;
}

/** What the stages learned about an event; `deliver` receives it. */
export interface StageContext {
  /** Muted or inhibited: deliver records the incident but holds its escalation. */
  heldBy: MuteReason | null;
}

/** Why a stage stopped an event; a new stopping stage adds its reason here. */
export type StopReason = 'duplicate';

export type Outcome = 'delivered' | StopReason;

/**
 * A stage may annotate the context (in place) or stop the event by returning a
 * reason; returning nothing passes the event on.
 */
export type Stage<T> = (event: AlertEvent<T>, context: StageContext) => StopReason | void | Promise<StopReason | void>;

/** The app's final stage: opens or updates the incident and starts, holds or stops its escalation. */
export type Deliver<T> = (event: AlertEvent<T>, context: Readonly<StageContext>) => Promise<void>;

export interface PipelineDeps<T> {
  /** Asked per event, so silences created or expired since the last one count. */
  muters: () => readonly Muter[];
  /** Asked per event, so a config reload takes effect at once. */
  inhibitRules: () => readonly InhibitRuleDef[];
  firing: FiringSet;
  deliver: Deliver<T>;
}
