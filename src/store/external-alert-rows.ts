import type { Insertable, Selectable } from 'kysely';
import type { AlertDetails, ExternalAlert, ExternalAlertTrigger } from './ports.ts';
import type { ExternalAlertsTable } from './store-tables.ts';

export type NewExternalAlert = ExternalAlertTrigger;

/** The row of a new firing that starts at `at`. */
export function newFiringRow(alert: NewExternalAlert, at: number): Insertable<ExternalAlertsTable> {
  return {
    key: alert.key,
    source: alert.source,
    integration: alert.integration,
    service: alert.service,
    severity: alert.severity,
    status: 'firing',
    summary: alert.summary,
    labels: JSON.stringify(alert.labels),
    details: JSON.stringify(alert.details),
    fired_at: at,
    last_event_at: at,
    resolved_at: null,
    events: 1,
  };
}

export function toExternalAlert(row: Selectable<ExternalAlertsTable>): ExternalAlert {
  return {
    key: row.key,
    source: row.source,
    integration: row.integration,
    service: row.service,
    severity: row.severity,
    status: row.status,
    summary: row.summary,
    labels: JSON.parse(row.labels) as Record<string, string>,
    details: JSON.parse(row.details) as AlertDetails,
    firedAt: row.fired_at,
    lastEventAt: row.last_event_at,
    resolvedAt: row.resolved_at,
    events: row.events,
  };
}
