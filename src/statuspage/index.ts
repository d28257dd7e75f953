/**
 * The only door into status pages: server-rendered HTML (readable with JavaScript off), the Atom
 * feed and the JSON summary, each rendered once into a cached Buffer and invalidated on change;
 * the pure component status decision; the store wrapper that invalidates on writes.
 */
export { componentStatus, overallStatus, severityStatus, STATUS_LABELS, OVERALL_LABELS } from './component-status.ts';
export type { ComponentSignals, ComponentStatus } from './component-status.ts';
export { pageModel, incidentComponents, pageShows } from './page-model.ts';
export type { PageModel, PageSnapshot, ComponentView, IncidentView, MaintenanceView } from './page-model.ts';
export type { PageSources } from './page-data.ts';
export { StatusPages, resolvePath, MAX_AGE_MS } from './status-pages.ts';
export type { StatusPagesDeps, PageTarget, Rendered } from './status-pages.ts';
export { registerStatusPages } from './status-routes.ts';
export type { StatusRouteDeps } from './status-routes.ts';
export { decideAccess, ACCESS_COOKIE } from './page-access.ts';
export type { AccessDecision, AccessRequest } from './page-access.ts';
export { invalidateOnWrites } from './store-invalidation.ts';
export type { ComponentUptime, UptimeDay } from './uptime-days.ts';
