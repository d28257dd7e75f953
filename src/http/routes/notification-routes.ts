import { z } from 'zod';
import { resolvePolicy } from '../../escalation/index.ts';
import { ApiError } from '../api-error.ts';
import { route } from '../route-def.ts';
import { pageQuery } from './page-query.ts';

const listQuery = pageQuery.extend({
  status: z.enum(['pending', 'sent', 'dead', 'cancelled']).optional(),
  incident: z.coerce.number().int().min(1).optional(),
});
const reassignBody = z.union([
  z.object({ user: z.string().min(1) }).strict(),
  z.object({ policy: z.string().min(1) }).strict(),
], { error: 'expected { "user": "<user id>" } or { "policy": "<policy id>" }' });

function positive(text: string | undefined, what: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new ApiError(404, `no ${what} ${text}; expected a positive whole number`);
  return id;
}

export const notificationRoutes = [
  route({
    method: 'GET', path: '/escalation-policies', role: 'viewer', summary: 'Escalation policies from the config, with the default named',
    async handler({ ctx }) {
      const config = ctx.config();
      return { items: config.escalationPolicies, defaultPolicy: config.notifications.defaultPolicy };
    },
  }),
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/notifications', role: 'viewer', summary: 'The outbox: pending, sent, dead-lettered and cancelled notifications, newest first', query: listQuery,
    async handler({ ctx, query }) {
      const page = await ctx.store.notifications.list({ status: query.status, incidentId: query.incident, limit: query.limit, offset: query.offset });
      return { ...page, counts: await ctx.store.notifications.counts() };
    },
  }),
  route({
    method: 'GET', path: '/notifications/:id', role: 'viewer', summary: 'A notification with its delivery attempts',
    async handler({ ctx, params }) {
      const id = positive(params.id, 'notification');
      const notification = await ctx.store.notifications.get(id);
      if (!notification) throw new ApiError(404, `no notification ${id}`);
      return { notification, attempts: await ctx.store.notifications.attempts(id) };
    },
  }),
  route({
    method: 'GET', path: '/incidents/:id/escalation', role: 'viewer', summary: 'Where the incident is in its escalation policy',
    async handler({ ctx, params }) {
      const incident = await ctx.incidents.get(positive(params.id, 'incident'));
      const escalation = await ctx.store.escalations.get(incident.id);
      // resolvePolicy also knows the one-level policy of an incident reassigned to a person.
      return { escalation, policy: escalation ? resolvePolicy(ctx.config(), escalation.policy) ?? null : null };
    },
  }),
  route<z.infer<typeof reassignBody>>({
    method: 'POST', path: '/incidents/:id/reassign', role: 'responder', summary: 'Page someone else (a user) or follow another escalation policy from its first level', body: reassignBody,
    async handler({ ctx, principal, params, body }) {
      const config = ctx.config();
      if ('user' in body && !config.users.some((u) => u.id === body.user)) {
        throw new ApiError(400, `unknown user "${body.user}"; users: ${config.users.map((u) => u.id).join(', ') || 'none are defined'}`, 'user');
      }
      if ('policy' in body && !config.escalationPolicies.some((p) => p.id === body.policy)) {
        throw new ApiError(400, `unknown escalation policy "${body.policy}"; policies: ${config.escalationPolicies.map((p) => p.id).join(', ') || 'none are defined'}`, 'policy');
      }
      const id = positive(params.id, 'incident');
      return { incident: await ctx.incidents.reassign(id, body, `token:${principal.name}`) };
    },
  }),
];
