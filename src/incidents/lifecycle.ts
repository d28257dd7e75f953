import type { Incident, IncidentStatus } from './incident.ts';

export type ResponderStatus = 'investigating' | 'identified' | 'monitoring';
export const RESPONDER_STATUSES: readonly ResponderStatus[] = ['investigating', 'identified', 'monitoring'];

export type IncidentAction =
  | { type: 'acknowledge' }
  | { type: 'resolve' }
  | { type: 'status'; status: ResponderStatus }
  | { type: 'retrigger' };

export type ActionOutcome =
  | { ok: true; patch: Partial<Incident>; status: IncidentStatus; message: string }
  | { ok: false; message: string };

/**
 * The incident lifecycle as a pure decision: triggered -> acknowledged ->
 * (investigating | identified | monitoring)* -> resolved. Any responder status
 * counts as a response, so it stamps acknowledgedAt the first time, which is
 * what the severity's respond-by target measures.
 */
export function applyAction(incident: Incident, action: IncidentAction, now: number): ActionOutcome {
  const resolved = incident.status === 'resolved';
  const acknowledgedAt = incident.acknowledgedAt ?? now;
  switch (action.type) {
    case 'acknowledge':
      if (resolved) return { ok: false, message: `incident ${incident.id} is resolved; it cannot be acknowledged` };
      if (incident.status !== 'triggered') return { ok: false, message: `incident ${incident.id} is already ${incident.status}` };
      return { ok: true, status: 'acknowledged', patch: { status: 'acknowledged', acknowledgedAt }, message: 'Acknowledged' };
    case 'resolve':
      if (resolved) return { ok: false, message: `incident ${incident.id} is already resolved` };
      return { ok: true, status: 'resolved', patch: { status: 'resolved', resolvedAt: now, acknowledgedAt }, message: 'Resolved' };
    case 'status':
      if (resolved) return { ok: false, message: `incident ${incident.id} is resolved; its status cannot change to ${action.status}` };
      if (incident.status === action.status) return { ok: false, message: `incident ${incident.id} is already ${action.status}` };
      return { ok: true, status: action.status, patch: { status: action.status, acknowledgedAt }, message: `Status set to ${action.status}` };
    case 'retrigger':
      // A flapping alert inside its cool-down reopens the incident it just left instead of paging afresh.
      if (!resolved) return { ok: false, message: `incident ${incident.id} is still open` };
      return {
        ok: true, status: 'triggered',
        patch: { status: 'triggered', resolvedAt: null, acknowledgedAt: null },
        message: 'Reopened: the alert fired again within its cool-down',
      };
  }
}
