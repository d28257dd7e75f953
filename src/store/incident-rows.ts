import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Incident, IncidentStatus, NewIncident, NewTimelineEvent, TimelineEvent, TimelineKind } from '../incidents/incident.ts';
import type { IncidentEventsTable, IncidentsTable } from './store-tables.ts';

/** Field to column, once; `satisfies` fails the build when Incident gains a field this misses. */
const INCIDENT_COLUMNS = {
  key: 'key',
  title: 'title',
  service: 'service',
  severity: 'severity',
  status: 'status',
  openedAt: 'opened_at',
  acknowledgedAt: 'acknowledged_at',
  resolvedAt: 'resolved_at',
  respondBy: 'respond_by',
  resolveBy: 'resolve_by',
  respondBreachedAt: 'respond_breached_at',
  resolveBreachedAt: 'resolve_breached_at',
  runbook: 'runbook',
  updatedAt: 'updated_at',
} as const satisfies { [Field in keyof Omit<Incident, 'id'>]-?: keyof IncidentsTable };

type IncidentField = keyof typeof INCIDENT_COLUMNS;

/** The columns a patch sets; fields left undefined are not touched (null clears). */
export function incidentPatchColumns(patch: Partial<Omit<Incident, 'id'>>): Updateable<IncidentsTable> {
  const columns: Record<string, unknown> = {};
  for (const field of Object.keys(INCIDENT_COLUMNS) as IncidentField[]) {
    const value = patch[field];
    if (value !== undefined) columns[INCIDENT_COLUMNS[field]] = value;
  }
  return columns as Updateable<IncidentsTable>;
}

export function newIncidentRow(incident: NewIncident, updatedAt: number): Insertable<IncidentsTable> {
  return { ...incidentPatchColumns(incident), updated_at: updatedAt } as Insertable<IncidentsTable>;
}

export function toIncident(row: Selectable<IncidentsTable>): Incident {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    service: row.service,
    severity: row.severity,
    status: row.status as IncidentStatus,
    openedAt: row.opened_at,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    respondBy: row.respond_by,
    resolveBy: row.resolve_by,
    respondBreachedAt: row.respond_breached_at,
    resolveBreachedAt: row.resolve_breached_at,
    runbook: row.runbook,
    updatedAt: row.updated_at,
  };
}

export function timelineEventRow(incidentId: number, event: NewTimelineEvent): Insertable<IncidentEventsTable> {
  return {
    incident_id: incidentId,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    message: event.message,
    data: event.data === null ? null : JSON.stringify(event.data),
  };
}

export function toTimelineEvent(row: Selectable<IncidentEventsTable>): TimelineEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    kind: row.kind as TimelineKind,
    actor: row.actor,
    message: row.message,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  };
}
