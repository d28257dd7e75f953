// The delivery worker's only door: it drains the notification outbox through the configured channels.
export { createDeliveryWorker } from './delivery-worker.ts';
export type { DeliveryStats, DeliveryWorker, DeliveryWorkerOptions } from './delivery-worker-types.ts';
export { decideDelivery } from './delivery-decision.ts';
export type { DeliveryDecision, DeliveryInput } from './delivery-decision.ts';
export { retryDelay } from './retry-backoff.ts';
export type { RetryPolicy } from './retry-backoff.ts';
