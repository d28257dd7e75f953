import type { Kysely } from 'kysely';
import { SqlAlertsStore } from './alerts-store.ts';
import { SqlAuditStore } from './audit-store.ts';
import { SqlChangesStore } from './changes-store.ts';
import { SqlEscalationsStore } from './escalations-store.ts';
import { SqlHeartbeatsStore } from './heartbeats-store.ts';
import { SqlExternalAlertsStore } from './external-alerts-store.ts';
import { SqlInboundEventsStore } from './inbound-events-store.ts';
import { SqlIncidentsStore } from './incidents-store.ts';
import { SqlIntegrationKeysStore } from './integration-keys-store.ts';
import { SqlMaintenanceStore } from './maintenance-store.ts';
import { SqlNotificationsStore } from './notifications-store.ts';
import { SqlOverridesStore } from './overrides-store.ts';
import { SqlPostmortemsStore } from './postmortems-store.ts';
import type { StoreTransaction } from './ports.ts';
import type { StoreDialect } from './dialect/store-dialect.ts';
import { SqlResultsStore } from './results-store.ts';
import { SqlRoutineTasksStore } from './routine-tasks-store.ts';
import { SqlRunbookRunsStore } from './runbook-runs-store.ts';
import { SqlSettingsStore } from './settings-store.ts';
import { SqlSilencesStore } from './silences-store.ts';
import { SqlStatusUpdatesStore } from './status-updates-store.ts';
import type { StoreTables } from './store-tables.ts';
import { SqlSubscribersStore } from './subscribers-store.ts';
import { SqlTokensStore } from './tokens-store.ts';

/**
 * Every repository over one executor: the pool for the store itself, or one transaction for
 * Store.withTransaction. A new aggregate is one line here.
 */
export function createRepositories(db: Kysely<StoreTables>, dialect: StoreDialect): StoreTransaction {
  return {
    dialect: dialect.name,
    results: new SqlResultsStore(db, dialect),
    alerts: new SqlAlertsStore(db),
    incidents: new SqlIncidentsStore(db, dialect),
    tokens: new SqlTokensStore(db),
    audit: new SqlAuditStore(db),
    notifications: new SqlNotificationsStore(db, dialect),
    escalations: new SqlEscalationsStore(db, dialect),
    silences: new SqlSilencesStore(db),
    overrides: new SqlOverridesStore(db),
    settings: new SqlSettingsStore(db),
    externalAlerts: new SqlExternalAlertsStore(db),
    inboundEvents: new SqlInboundEventsStore(db, dialect),
    changes: new SqlChangesStore(db),
    integrationKeys: new SqlIntegrationKeysStore(db),
    statusUpdates: new SqlStatusUpdatesStore(db),
    subscribers: new SqlSubscribersStore(db),
    maintenance: new SqlMaintenanceStore(db),
    postmortems: new SqlPostmortemsStore(db),
    heartbeats: new SqlHeartbeatsStore(db, dialect.name),
    runbookRuns: new SqlRunbookRunsStore(db),
    routineTasks: new SqlRoutineTasksStore(db),
  };
}
