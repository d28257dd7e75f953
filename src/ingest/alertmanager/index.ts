// Alertmanager's webhook_config receiver: each alert of a group becomes an Opsdeck alert keyed by its fingerprint.
export { registerAlertmanagerReceiver } from './webhook-route.ts';
export { receiveWebhook } from './webhook-receive.ts';
export type { WebhookAnswer, WebhookReceiverDeps } from './webhook-receive.ts';
export { planWebhook, alertmanagerKey } from './webhook-plan.ts';
export type { WebhookPlan, WebhookStep, SkippedAlert } from './webhook-plan.ts';
export { parseWebhookPayload } from './webhook-payload.ts';
export type { WebhookPayload, WebhookAlert } from './webhook-payload.ts';
