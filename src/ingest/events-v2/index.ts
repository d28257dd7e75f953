// PagerDuty Events API v2 and change events: the wire format, its routes, and what a valid event does.
export { registerEventsV2, BODY_LIMIT } from './events-v2-routes.ts';
export type { EventsV2RouteDeps } from './events-v2-routes.ts';
export { EventsReceiver } from './events-receiver.ts';
export { validateEvent, validateChange, EVENT_ACTIONS, SEVERITIES, MAX_DEDUP_KEY, MAX_SUMMARY } from './event-validate.ts';
export type { ValidEvent, ValidChange, EventPayload } from './event-validate.ts';
export { alertKey, placeTrigger } from './event-apply.ts';
export { RateLimiter } from './rate-limit.ts';
export { GroupCommit } from '../group-commit.ts';
