import { z } from 'zod';
import type { Principal } from '../../auth/index.ts';
import { IncidentError } from '../../incidents/index.ts';
import { PostmortemService } from '../../postmortems/index.ts';
import type { ApiContext } from '../api-context.ts';
import { RawAnswer, route } from '../route-def.ts';

const actor = (p: Principal) => `token:${p.name}`;
const service = (ctx: ApiContext) => new PostmortemService({ store: ctx.store, clock: ctx.clock, config: ctx.config });

function idParam(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new IncidentError('not_found', `no ${what} ${value}; expected a positive whole number`);
  return id;
}

const generateQuery = z.object({ regenerate: z.enum(['true', 'false']).default('false') }).strict();
const bodySchema = z.object({ body: z.string().max(1_000_000) }).strict();
const due = z.string().trim().min(1, { error: 'expected a date like "2026-04-30" (end of that day) or a time like "2026-04-30T17:00"' });
const actionBody = z.object({
  title: z.string().trim().min(1, { error: 'expected what is to be done' }).max(500),
  owner: z.string().trim().min(1, { error: 'expected who owns it: a user id or a name' }).max(200),
  due: due.nullable().default(null),
}).strict();
const actionPatch = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  owner: z.string().trim().min(1).max(200).optional(),
  due: due.nullable().optional(),
  done: z.boolean().optional(),
}).strict();
const actionsQuery = z.object({ overdue: z.enum(['true', 'false']).default('false') }).strict();

export const postmortemRoutes = [
  route<undefined, z.infer<typeof generateQuery>>({
    method: 'POST', path: '/incidents/:id/postmortem', role: 'responder', query: generateQuery,
    summary: 'Draft the post-mortem of a resolved incident (409 if one exists, unless ?regenerate=true)',
    async handler({ ctx, principal, params, query }) {
      return service(ctx).generate(idParam(params.id, 'incident'), actor(principal), query.regenerate === 'true');
    },
  }),
  route({
    method: 'GET', path: '/incidents/:id/postmortem', role: 'viewer', summary: 'The post-mortem, its action items, and the Markdown an export gives',
    async handler({ ctx, params }) {
      return service(ctx).get(idParam(params.id, 'incident'));
    },
  }),
  route<z.infer<typeof bodySchema>>({
    method: 'PUT', path: '/incidents/:id/postmortem', role: 'responder', summary: 'Save the edited Markdown', body: bodySchema,
    async handler({ ctx, principal, params, body }) {
      return service(ctx).saveBody(idParam(params.id, 'incident'), body.body, actor(principal));
    },
  }),
  route({
    method: 'POST', path: '/incidents/:id/postmortem/publish', role: 'responder', summary: 'Publish the post-mortem',
    async handler({ ctx, principal, params }) {
      return service(ctx).publish(idParam(params.id, 'incident'), actor(principal));
    },
  }),
  route({
    method: 'GET', path: '/incidents/:id/postmortem.md', role: 'viewer', summary: 'The post-mortem as a Markdown file (text/markdown)',
    async handler({ ctx, params }) {
      return new RawAnswer('text/markdown; charset=utf-8', (await service(ctx).get(idParam(params.id, 'incident'))).markdown);
    },
  }),
  route({
    method: 'GET', path: '/incidents/:id/actions', role: 'viewer', summary: 'The incident\'s action items',
    async handler({ ctx, params }) {
      const id = idParam(params.id, 'incident');
      if (!(await ctx.store.incidents.get(id))) throw new IncidentError('not_found', `no incident ${id}`);
      return { items: await ctx.store.postmortems.actions(id) };
    },
  }),
  route<z.infer<typeof actionBody>>({
    method: 'POST', path: '/incidents/:id/actions', role: 'responder', summary: 'Add an action item to the incident\'s post-mortem', body: actionBody,
    async handler({ ctx, params, body }) {
      return { action: await service(ctx).addAction(idParam(params.id, 'incident'), body) };
    },
  }),
  route<z.infer<typeof actionPatch>>({
    method: 'PATCH', path: '/actions/:id', role: 'responder', summary: 'Change an action item: done, owner, due, title', body: actionPatch,
    async handler({ ctx, params, body }) {
      return { action: await service(ctx).updateAction(idParam(params.id, 'action item'), body) };
    },
  }),
  route<undefined, z.infer<typeof actionsQuery>>({
    method: 'GET', path: '/actions', role: 'viewer', summary: 'Every action item, or with ?overdue=true the open ones past due', query: actionsQuery,
    async handler({ ctx, query }) {
      const now = ctx.clock.now();
      const items = await service(ctx).listActions({ overdue: query.overdue === 'true' });
      return { items: items.map((a) => ({ ...a, overdue: a.doneAt === null && a.dueAt !== null && a.dueAt < now })) };
    },
  }),
];
