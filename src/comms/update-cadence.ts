import type { Incident } from '../incidents/index.ts';

/** When the next public update of an incident is due, and since when it is overdue (null: not yet). */
export interface UpdateCadence {
  everyMs: number;
  dueAt: number;
  overdueSince: number | null;
}

/**
 * The severity's update_every measured from the last public update, or from the opening when there
 * is none. Resolved incidents and severities without a cadence owe nothing. Pure.
 */
export function updateCadence(incident: Pick<Incident, 'status' | 'openedAt'>, lastPublicAt: number | null, everyMs: number | null, now: number): UpdateCadence | null {
  if (incident.status === 'resolved' || everyMs === null || everyMs <= 0) return null;
  const dueAt = Math.max(lastPublicAt ?? incident.openedAt, incident.openedAt) + everyMs;
  return { everyMs, dueAt, overdueSince: now >= dueAt ? dueAt : null };
}

/** The outbox key of the reminder for one due time: the same due time reminds once, across restarts and processes. */
export function reminderKey(incidentId: number, dueAt: number): string {
  return `update-due:${incidentId}:${dueAt}`;
}
