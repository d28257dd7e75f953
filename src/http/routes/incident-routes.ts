import { z } from 'zod';
import type { Principal } from '../../auth/index.ts';
import { INCIDENT_STATUSES, IncidentError, RESPONDER_STATUSES, type IncidentAction } from '../../incidents/index.ts';
import { route, type RouteInput } from '../route-def.ts';
import { changesBefore } from './change-routes.ts';
import { pageQuery } from './page-query.ts';

const actor = (p: Principal) => `token:${p.name}`;

function idParam(params: Record<string, string>): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new IncidentError('not_found', `no incident ${params.id}; expected a positive whole number`);
  return id;
}

const listQuery = pageQuery.extend({
  status: z.enum(['open', 'all', ...INCIDENT_STATUSES]).default('open'),
  severity: z.string().optional(),
  service: z.string().optional(),
  q: z.string().optional(),
});

const act = (action: IncidentAction) => async ({ ctx, principal, params }: RouteInput<unknown, unknown>) => ({
  incident: await ctx.incidents.act(idParam(params), action, actor(principal)),
});

export const incidentRoutes = [
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/incidents', role: 'viewer', summary: 'List incidents, newest first, with filters', query: listQuery,
    async handler({ ctx, query }) {
      const { status, ...rest } = query;
      return ctx.store.incidents.list({ ...rest, status: status === 'all' ? undefined : status });
    },
  }),
  route({
    method: 'GET', path: '/incidents/:id', role: 'viewer', summary: 'An incident with its timeline',
    async handler({ ctx, params }) {
      const incident = await ctx.incidents.get(idParam(params));
      return {
        incident, timeline: await ctx.store.incidents.timeline(incident.id),
        changesBefore: await changesBefore(ctx, incident),
        // What another tool sent (links, images, custom details) when the incident came from one; else null.
        externalAlert: incident.key === null ? null : await ctx.store.externalAlerts.get(incident.key),
      };
    },
  }),
  route({ method: 'POST', path: '/incidents/:id/acknowledge', role: 'responder', summary: 'Acknowledge', handler: act({ type: 'acknowledge' }) }),
  route({ method: 'POST', path: '/incidents/:id/resolve', role: 'responder', summary: 'Resolve', handler: act({ type: 'resolve' }) }),
  route<{ status: (typeof RESPONDER_STATUSES)[number] }>({
    method: 'POST', path: '/incidents/:id/status', role: 'responder', summary: 'Set investigating, identified or monitoring',
    body: z.object({ status: z.enum(RESPONDER_STATUSES as unknown as ['investigating', 'identified', 'monitoring']) }).strict(),
    async handler({ ctx, principal, params, body }) {
      return { incident: await ctx.incidents.act(idParam(params), { type: 'status', status: body.status }, actor(principal)) };
    },
  }),
  route<{ message: string }>({
    method: 'POST', path: '/incidents/:id/notes', role: 'responder', summary: 'Add a note to the timeline',
    body: z.object({ message: z.string().trim().min(1).max(10_000) }).strict(),
    async handler({ ctx, principal, params, body }) {
      return { event: await ctx.incidents.addNote(idParam(params), body.message, actor(principal)) };
    },
  }),
  route<{ severity: string }>({
    method: 'POST', path: '/incidents/:id/severity', role: 'responder', summary: 'Change severity (due times follow)',
    body: z.object({ severity: z.string().min(1) }).strict(),
    async handler({ ctx, principal, params, body }) {
      return { incident: await ctx.incidents.changeSeverity(idParam(params), body.severity, actor(principal)) };
    },
  }),
];
