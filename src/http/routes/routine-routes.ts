import { z } from 'zod';
import type { Principal } from '../../auth/index.ts';
import { nextDue, RoutineTaskError, RoutineTaskService, scheduleText } from '../../routines/index.ts';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { route } from '../route-def.ts';
import { pageQuery } from './page-query.ts';

const service = (ctx: ApiContext) => new RoutineTaskService({ store: ctx.store, clock: ctx.clock, config: ctx.config, intake: ctx.intake });
const actor = (p: Principal) => `token:${p.name}`;

const tasksQuery = pageQuery.extend({ routine: z.string().min(1).optional(), state: z.enum(['open', 'done', 'all']).default('all') }).strict();
const tickBody = z.object({ note: z.string().trim().max(2_000).optional() }).strict();

function whole(value: string | undefined, what: string, status: 400 | 404 = 404): number {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || !Number.isSafeInteger(n)) throw new ApiError(status, `no ${what} "${value}"; expected a whole number`, what);
  return n;
}

async function answering<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RoutineTaskError) throw new ApiError(err.status, err.message, err.field);
    throw err;
  }
}

export const routineRoutes = [
  route({
    method: 'GET', path: '/routines', role: 'viewer', summary: 'The routines of the config: schedule, what they do, who they are for, the next occurrence and the newest task',
    async handler({ ctx }) {
      const now = ctx.clock.now();
      const newest = await Promise.all(ctx.config().routines.map(async (r) => (await ctx.store.routineTasks.list({ routine: r.id, limit: 1, offset: 0 })).items[0] ?? null));
      const tasks = service(ctx);
      return {
        items: ctx.config().routines.map((r, i) => ({
          id: r.id, title: r.title, timezone: r.timezone, schedule: scheduleText(r), kind: r.work.kind,
          runbook: r.work.kind === 'runbook' ? r.work.runbook : null, checklist: r.work.kind === 'checklist' ? r.work.items : null,
          deadlineMs: r.deadlineMs, assign: r.assign ? `${r.assign.kind}:${r.assign.id}` : null, severity: r.severity,
          next: nextDue(r, now), lastTask: newest[i] ? tasks.view(newest[i]) : null,
        })),
      };
    },
  }),
  route<undefined, z.infer<typeof tasksQuery>>({
    method: 'GET', path: '/routine-tasks', role: 'viewer', query: tasksQuery,
    summary: 'Routine tasks, newest occurrence first: checklists to tick and runbook runs (?routine=, ?state=open|done|all)',
    async handler({ ctx, query }) {
      const open = query.state === 'all' ? undefined : query.state === 'open';
      return service(ctx).list({ ...(query.routine ? { routine: query.routine } : {}), ...(open === undefined ? {} : { open }), limit: query.limit, offset: query.offset });
    },
  }),
  route({
    method: 'GET', path: '/routine-tasks/:id', role: 'viewer', summary: 'One routine task with its items, who ticked them and their notes',
    async handler({ ctx, params }) {
      return { task: await answering(() => service(ctx).get(whole(params.id, 'routine task'))) };
    },
  }),
  route<z.infer<typeof tickBody>>({
    method: 'POST', path: '/routine-tasks/:id/items/:index', role: 'responder', body: tickBody,
    summary: 'Tick a checklist item, with an optional note; the last one completes the task (and resolves its missed-deadline alert)',
    async handler({ ctx, principal, params, body }) {
      const id = whole(params.id, 'routine task');
      const index = whole(params.index, 'index');
      const note = body.note ? body.note : null;
      return { task: await answering(() => service(ctx).tick(id, index, actor(principal), note)) };
    },
  }),
];
