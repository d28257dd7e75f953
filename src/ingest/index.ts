// Alerts and changes from other tools: the intake that puts them through the pipeline, and (in
// their own folders) the receivers that speak each tool's wire format.
export { AlertIntake, alertLabels } from './alert-intake.ts';
export type { AlertIntakeDeps, AlertRef, FireInput } from './alert-intake.ts';
export { integrationForKey, hashRoutingKey } from './integration-keys.ts';
export type { KeyLookupDeps } from './integration-keys.ts';
export { registerAlertmanagerReceiver } from './alertmanager/index.ts';
export { registerEventsV2, EventsReceiver } from './events-v2/index.ts';
export { TransitionWorker } from './transition-worker.ts';
export type { TransitionWorkerDeps } from './transition-worker.ts';
export type { AcceptedEvent, AcceptedOp } from './accept-batch.ts';
export { GroupCommit } from './group-commit.ts';
