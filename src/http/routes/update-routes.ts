import { z } from 'zod';
import { UPDATE_STATUSES, type UpdateInput } from '../../comms/index.ts';
import { IncidentError } from '../../incidents/index.ts';
import { route } from '../route-def.ts';

function idParam(params: Record<string, string>): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new IncidentError('not_found', `no incident ${params.id}; expected a positive whole number`);
  return id;
}

const postBody = z.object({
  visibility: z.enum(['public', 'internal'], { error: 'expected visibility "public" or "internal"' }),
  message: z.string().max(20_000).optional(),
  template: z.string().min(1).optional(),
  status: z.enum(UPDATE_STATUSES, { error: `expected status ${UPDATE_STATUSES.join(', ')}` }).optional(),
  components: z.array(z.string().min(1)).max(100).optional(),
}).strict();

const previewBody = z.object({ template: z.string().min(1) }).strict();

/** Status updates on an incident and the templates they are written from. */
export const updateRoutes = [
  route({
    method: 'GET', path: '/templates', role: 'viewer', summary: 'Communication templates (shipped and from the config)',
    async handler({ ctx }) {
      return { items: ctx.communications.updates.templates() };
    },
  }),
  route({
    method: 'GET', path: '/incidents/:id/updates', role: 'viewer', summary: 'Status updates, oldest first, and when the next public one is due',
    async handler({ ctx, params }) {
      return ctx.communications.updates.list(idParam(params));
    },
  }),
  route<UpdateInput>({
    method: 'POST', path: '/incidents/:id/updates', role: 'responder',
    summary: 'Post an update (message, or a template filled from the incident); public ones go to status pages and subscribers; status sets the incident\'s status',
    body: postBody,
    async handler({ ctx, principal, params, body }) {
      return ctx.communications.updates.post(idParam(params), body, `token:${principal.name}`);
    },
  }),
  route<z.infer<typeof previewBody>>({
    method: 'POST', path: '/incidents/:id/updates/preview', role: 'viewer', summary: 'A template filled in for the incident, to edit before posting',
    body: previewBody,
    async handler({ ctx, params, body }) {
      return ctx.communications.updates.preview(idParam(params), body.template);
    },
  }),
];
