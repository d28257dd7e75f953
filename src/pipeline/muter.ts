import type { Labels } from './label-matcher.ts';

/** Why an alert is held: what holds it, which one, and a line for the incident timeline. */
export interface MuteReason {
  kind: 'silence' | 'maintenance' | 'inhibit';
  id: string;
  description: string;
}

/**
 * Silences, maintenance windows and inhibition answer the same one question,
 * as Alertmanager's Muter does, so the pipeline's mute stage knows none of them.
 */
export interface Muter {
  mutedBy(labels: Labels, at: number): MuteReason | null;
}

/** The first muter's reason, in the order the app lists them. */
export function firstMute(muters: readonly Muter[], labels: Labels, at: number): MuteReason | null {
  for (const muter of muters) {
    const reason = muter.mutedBy(labels, at);
    if (reason !== null) return reason;
  }
  return null;
}
