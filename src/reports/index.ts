/** Reports: availability (maintenance excluded), MTTA/MTTR and response-target compliance. Pure, but for the loader. */
export type { Interval } from './interval-set.ts';
export { mergeIntervals, clipIntervals, subtractIntervals, intersectAll, totalMs } from './interval-set.ts';
export { failingIntervals, scopeDowntime } from './check-downtime.ts';
export type { ScopeDowntime } from './check-downtime.ts';
export { localDays } from './local-days.ts';
export type { LocalDay } from './local-days.ts';
export { availabilityReport, roundPercent } from './availability.ts';
export type { AvailabilityDay, AvailabilityFigures, AvailabilityInput, AvailabilityReport, DayStatus } from './availability.ts';
export { incidentReport } from './incident-report.ts';
export type { IncidentFigures, IncidentReport, TargetCompliance } from './incident-report.ts';
export { resolveScope } from './report-scope.ts';
export type { ReportScope, ResolvedScope } from './report-scope.ts';
export { loadAvailability } from './availability-source.ts';
export type { MaintenanceIntervals } from './availability-source.ts';
