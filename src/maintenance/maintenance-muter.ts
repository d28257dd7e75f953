import type { Labels, Muter, MuteReason } from '../pipeline/index.ts';
import type { Occurrence } from './occurrence-types.ts';
import { underMaintenance } from './occurrence-queries.ts';

/** `maintenance window "Weekly prod" until 06:00 UTC`; the date is added when the end is on another UTC day. */
export function describeOccurrence(o: Occurrence, at: number): string {
  const end = new Date(o.end).toISOString();
  const sameDay = end.slice(0, 10) === new Date(at).toISOString().slice(0, 10);
  return `maintenance window ${JSON.stringify(o.title)} until ${sameDay ? '' : `${end.slice(0, 10)} `}${end.slice(11, 16)} UTC`;
}

/**
 * Mutes alerts of the services a running window covers (the `service` label every alert carries).
 * Among overlapping windows the one that ends last is named: that is how long the alert stays held.
 * The occurrences may be a superset of those running (the caller's cache of a few hours): each
 * is checked against the alert's own time.
 */
export function maintenanceMuter(occurrences: readonly Occurrence[]): Muter {
  return {
    mutedBy(labels: Labels, at: number): MuteReason | null {
      const service = labels['service'];
      if (service === undefined) return null;
      const o = underMaintenance(occurrences, { services: [service] }, at);
      return o === null ? null : { kind: 'maintenance', id: o.window, description: describeOccurrence(o, at) };
    },
  };
}
