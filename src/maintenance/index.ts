/**
 * The only door into maintenance windows: occurrences from the config's schedules (by the one
 * calendar) joined with what people changed, the pipeline's maintenance muter, and announcements.
 */
export type { Occurrence, OccurrenceState, CreatedWindowSpec } from './occurrence-types.ts';
export { scheduledOccurrences, occurrenceAt, isScheduledStart, longestSpan } from './scheduled-occurrences.ts';
export { applyChanges } from './change-replay.ts';
export { occurrenceState, activeWindows, upcoming, announcedOrActive, covers, underMaintenance, maintenanceIntervals } from './occurrence-queries.ts';
export type { Scope } from './occurrence-queries.ts';
export { maintenanceMuter, describeOccurrence } from './maintenance-muter.ts';
export { MaintenanceService, CREATE_HORIZON_MS } from './maintenance-service.ts';
export type { MaintenanceServiceDeps } from './maintenance-service.ts';
export { MaintenanceChangeError } from './maintenance-change-error.ts';
export { announceDue } from './announce-task.ts';
export type { Announce, AnnouncerDeps } from './announce-task.ts';
export { subscriberAnnouncement, announceToSubscribers, describeSpan } from './subscriber-announcement.ts';
