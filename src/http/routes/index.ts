import { adminRoutes } from './admin-routes.ts';
import { changeRoutes } from './change-routes.ts';
import { heartbeatRoutes } from './heartbeat-routes.ts';
import { incidentRoutes } from './incident-routes.ts';
import { integrationRoutes } from './integration-routes.ts';
import { maintenanceRoutes } from './maintenance-routes.ts';
import { notificationRoutes } from './notification-routes.ts';
import { oncallRoutes } from './oncall-routes.ts';
import { postmortemRoutes } from './postmortem-routes.ts';
import { queryRuleRoutes } from './query-rule-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { routineRoutes } from './routine-routes.ts';
import { runbookRoutes } from './runbook-routes.ts';
import { serviceRoutes } from './service-routes.ts';
import { silenceRoutes } from './silence-routes.ts';
import { subscriptionRoutes } from './subscription-routes.ts';
import { updateRoutes } from './update-routes.ts';

/** Every /api/v1 route; a new group of routes is one file and one entry here. */
export const apiRoutes = [...serviceRoutes, ...incidentRoutes, ...oncallRoutes, ...silenceRoutes, ...notificationRoutes, ...changeRoutes, ...integrationRoutes, ...queryRuleRoutes, ...updateRoutes, ...subscriptionRoutes, ...maintenanceRoutes, ...postmortemRoutes, ...reportRoutes, ...routineRoutes, ...runbookRoutes, ...heartbeatRoutes, ...adminRoutes];
