export { INCIDENT_STATUSES } from './incident.ts';
export type { Incident, IncidentStatus, NewIncident, NewTimelineEvent, TimelineEvent, TimelineKind } from './incident.ts';
export { IncidentError } from './incident-error.ts';
export { applyAction, RESPONDER_STATUSES } from './lifecycle.ts';
export type { IncidentAction, ResponderStatus } from './lifecycle.ts';
export { dueTimes, breachesDue } from './due-times.ts';
export { IncidentService } from './incident-service.ts';
export type { AlertRuleRef, HoldReason, IncidentEscalation, ReassignTarget, SeverityCatalog } from './incident-service.ts';
export { incidentLink } from './incident-link.ts';
