// Incident communications: status updates (internal and public), the templates they are written
// from, and the cadence that reminds someone when a public update is due.
export { StatusUpdates } from './status-update-service.ts';
export type { StatusUpdateDeps } from './status-update-service.ts';
export { UpdateReminders } from './update-reminders.ts';
export type { UpdateReminderDeps } from './update-reminders.ts';
export { updateCadence, reminderKey } from './update-cadence.ts';
export type { UpdateCadence } from './update-cadence.ts';
export { commanderOf, policyContacts, reminderTarget } from './reminder-target.ts';
export type { ReminderTarget } from './reminder-target.ts';
export { formatUtcMinute } from './utc-minute.ts';
export { UPDATE_STATUSES } from './update-input.ts';
export type { UpdateInput, UpdateStatus } from './update-input.ts';
export { createCommunications } from './communications.ts';
export type { Communications, CommunicationsDeps } from './communications.ts';
