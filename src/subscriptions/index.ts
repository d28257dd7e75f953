// Status-page subscriptions: double opt-in email, admin-made webhooks, the fan-out of notices to
// them through the outbox, the notifier behind "subscriber:<id>" channels, and the public pages.
export { notifySubscribers } from './notify-subscribers.ts';
export type { SubscriberFanOut } from './notify-subscribers.ts';
export { SUBSCRIBER_CHANNEL_PREFIX, subscriberChannel, subscriberMessage } from './subscriber-messages.ts';
export type { SubscriberNotice } from './subscriber-messages.ts';
export { confirmUrl, unsubscribeUrl } from './subscriber-links.ts';
export { subscriberNotifiers } from './subscriber-notifier.ts';
export type { SubscriberNotifierDeps } from './subscriber-notifier.ts';
export { SubscriptionError } from './subscription-error.ts';
export { Subscriptions, subscriberView } from './subscription-service.ts';
export type { SubscriberView, SubscriptionDeps } from './subscription-service.ts';
export { registerSubscriptionPages } from './subscription-http.ts';
export type { SubscriptionPagesDeps } from './subscription-http.ts';
