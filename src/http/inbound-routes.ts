import type { FastifyInstance } from 'fastify';
import { registerAlertmanagerReceiver, registerEventsV2 } from '../ingest/index.ts';
import { registerSubscriptionPages } from '../subscriptions/index.ts';
import { registerHeartbeatPings } from '../heartbeats/index.ts';
import type { ApiContext } from './api-context.ts';
import { registerRunbookStream } from './routes/runbook-routes.ts';

/**
 * Routes outside /api/v1 that other tools call with their own keys rather than an API token:
 * the Events API v2-compatible endpoints and the Alertmanager webhook receiver. Each receiver is
 * one module with a register function, and one line here.
 */
const receivers: ((app: FastifyInstance, ctx: ApiContext) => void)[] = [
  registerAlertmanagerReceiver,
  // A run's live output under /api/v1, registered here because EventSource cannot send the Bearer header: it also takes ?token=.
  registerRunbookStream,
  (app, ctx) => void registerEventsV2(app, ctx),
  // Status-page subscribers: the token in each confirm and unsubscribe link is their key.
  // Heartbeat pings: the key in the URL is the secret (healthchecks.io-style).
  (app, ctx) => registerHeartbeatPings(app, ctx.heartbeats),
  (app, ctx) => registerSubscriptionPages(app, { subscriptions: ctx.communications.subscriptions, organization: () => ctx.config().organization }),
];

export function registerInboundRoutes(app: FastifyInstance, ctx: ApiContext): void {
  for (const register of receivers) register(app, ctx);
}
