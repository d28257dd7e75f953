import { randomBytes } from 'node:crypto';
import type { IntegrationDef } from '../../config/index.ts';
import { hashRoutingKey } from '../../ingest/index.ts';
import type { IntegrationKeyRecord } from '../../store/index.ts';
import type { ApiContext } from '../api-context.ts';
import { ApiError } from '../api-error.ts';
import { route } from '../route-def.ts';

const keyView = (k: IntegrationKeyRecord) => ({ id: k.id, integration: k.integration, createdAt: k.createdAt, createdBy: k.createdBy, revokedAt: k.revokedAt });

/** Where a sender points: the Events API v2 URL, or the Alertmanager webhook (key in the path or as a Bearer token). */
const ENDPOINT: Record<IntegrationDef['type'], string> = { events_v2: '/v2/enqueue', alertmanager: '/alertmanager/<routing key>' };

function integrationOf(ctx: ApiContext, id: string | undefined): IntegrationDef {
  const integrations = ctx.config().integrations;
  const found = integrations.find((i) => i.id === id);
  if (found) return found;
  const known = integrations.map((i) => i.id).join(', ');
  throw new ApiError(404, `no integration "${id}"; ${known ? `integrations: ${known}` : 'none are configured; add them under integrations: in the config'}`);
}

/** Integrations come from the config; their keys are made and revoked here. A key is shown once, when made. */
export const integrationRoutes = [
  route({
    method: 'GET', path: '/integrations', role: 'viewer', summary: 'Integrations with their type, service and how many keys they have (never the keys)',
    async handler({ ctx }) {
      const keys = await ctx.store.integrationKeys.list();
      return {
        items: ctx.config().integrations.map((i) => ({
          id: i.id, type: i.type, service: i.service, routes: i.routes.length, escalation: i.escalation,
          rateLimitPerMinute: i.rateLimitPerMinute, endpoint: ENDPOINT[i.type],
          keyEnv: i.keyEnv, keyEnvSet: i.keyEnv !== null && (process.env[i.keyEnv] ?? '') !== '',
          keys: keys.filter((k) => k.integration === i.id && k.revokedAt === null).length,
        })),
      };
    },
  }),
  route({
    method: 'GET', path: '/integrations/:id/keys', role: 'admin', summary: 'An integration\'s keys, revoked ones included (never the keys themselves)',
    async handler({ ctx, params }) {
      const integration = integrationOf(ctx, params.id);
      return { items: (await ctx.store.integrationKeys.list(integration.id)).map(keyView) };
    },
  }),
  route({
    method: 'POST', path: '/integrations/:id/keys', role: 'admin', summary: 'Make a routing key; it is returned once and stored only as its sha256',
    async handler({ ctx, principal, params }) {
      const integration = integrationOf(ctx, params.id);
      // 32 hex characters, the length PagerDuty's own keys have (some senders check it).
      const routingKey = randomBytes(16).toString('hex');
      const key = await ctx.store.integrationKeys.create({ integration: integration.id, hash: hashRoutingKey(routingKey), createdAt: ctx.clock.now(), createdBy: `token:${principal.name}` });
      return { key: keyView(key), routingKey, endpoint: ENDPOINT[integration.type] };
    },
  }),
  route({
    method: 'DELETE', path: '/integrations/:id/keys/:keyId', role: 'admin', summary: 'Revoke a routing key; senders using it get 404 from then on',
    async handler({ ctx, params }) {
      const integration = integrationOf(ctx, params.id);
      const id = Number(params.keyId);
      const owned = (await ctx.store.integrationKeys.list(integration.id)).find((k) => k.id === id && k.revokedAt === null);
      if (!owned || !(await ctx.store.integrationKeys.revoke(id, ctx.clock.now()))) throw new ApiError(404, `no active key ${params.keyId} of integration "${integration.id}"`);
      return { revoked: true };
    },
  }),
];
