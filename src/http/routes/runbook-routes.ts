import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../auth/index.ts';
import type { RunbookDef } from '../../config/index.ts';
import { MASK, RunbookError, type RunActor } from '../../runbooks/index.ts';
import type { RunbookRunEvent } from '../../store/index.ts';
import type { ApiContext } from '../api-context.ts';
import { ApiError } from '../api-error.ts';
import { route } from '../route-def.ts';
import { pageQuery } from './page-query.ts';

const KEEP_ALIVE_MS = 15_000;
const STATUS = { not_found: 404, forbidden: 403, invalid: 400, conflict: 409 } as const;
const actor = (p: Principal): RunActor => ({ name: `token:${p.name}`, role: p.role });

/** The runner's refusals as HTTP answers, each with its field where there is one. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RunbookError) throw new ApiError(STATUS[err.code], err.message, err.field);
    throw err;
  }
}

function idParam(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 0) throw new ApiError(404, `no ${what} ${value}; expected a whole number`);
  return id;
}

/** What the console shows of a runbook: everything but the rewritten scripts and file lines. */
function runbookView(def: RunbookDef) {
  return {
    id: def.id, title: def.title, description: def.description, parameters: def.parameters, roles: def.roles, sections: def.sections,
    steps: def.steps.map((s) => ({
      index: s.index, section: s.section, kind: s.kind, lang: s.lang, text: s.text, risk: s.risk, riskReason: s.riskReason,
      continueOnError: s.continueOnError, diagnostic: s.diagnostic,
    })),
  };
}

const startBody = z.object({
  runbook: z.string().trim().min(1, { error: 'expected a runbook id like "runbooks/api-restart.md" (GET /runbooks lists them)' }),
  params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string().max(10_000), z.number(), z.boolean()])).default({}),
  incident: z.number().int().positive().optional(),
  dryRun: z.boolean().default(false),
  yes: z.boolean().default(false),
}).strict();
type StartBody = z.infer<typeof startBody>;

const listQuery = pageQuery.extend({
  incident: z.coerce.number().int().positive().optional(),
  runbook: z.string().min(1).optional(),
  routine: z.string().min(1).optional(),
}).strict();
const doneBody = z.object({ note: z.string().trim().max(2_000).optional() }).strict();
const viewQuery = z.object({ id: z.string().min(1, { error: 'expected ?id=<runbook id>, e.g. runbooks/api-restart.md' }) }).strict();

export const runbookRoutes = [
  route({
    method: 'GET', path: '/runbooks', role: 'viewer', summary: 'Every runbook: parameters, sections and steps with their risk',
    async handler({ ctx }) {
      return { items: ctx.config().runbooks.map(runbookView) };
    },
  }),
  route<undefined, z.infer<typeof viewQuery>>({
    method: 'GET', path: '/runbooks/view', role: 'viewer', summary: 'One runbook by its id (?id=runbooks/api-restart.md)', query: viewQuery,
    async handler({ ctx, query }) {
      const def = ctx.runbooks.runbook(query.id);
      if (!def) throw new ApiError(404, `no runbook "${query.id}"; GET /runbooks lists them`, 'id');
      return { runbook: runbookView(def) };
    },
  }),
  route<StartBody>({
    method: 'POST', path: '/runbook-runs', role: 'viewer', body: startBody,
    summary: 'Start a run (the runbook\'s roles; yes confirms every mutating step up front and is for admins)',
    // The audit log never holds a parameter's value: the runner records the masked ones itself.
    auditBody: (body) => ({ ...body, params: Object.fromEntries(Object.keys(body.params).map((k) => [k, MASK])) }),
    async handler({ ctx, principal, body }) {
      const run = await answer(() => ctx.runbooks.start({ runbook: body.runbook, params: body.params, incidentId: body.incident ?? null, dryRun: body.dryRun, yes: body.yes }, actor(principal)));
      return { run };
    },
  }),
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/runbook-runs', role: 'viewer', summary: 'Runs, newest first, by incident, runbook or routine', query: listQuery,
    async handler({ ctx, query }) {
      return ctx.store.runbookRuns.list({ incidentId: query.incident, runbook: query.runbook, routine: query.routine, limit: query.limit, offset: query.offset });
    },
  }),
  route({
    method: 'GET', path: '/runbook-runs/:id', role: 'viewer', summary: 'A run and its steps with their output (secrets masked)',
    async handler({ ctx, params }) {
      const view = await ctx.runbooks.view(idParam(params.id, 'runbook run'));
      if (!view) throw new ApiError(404, `no runbook run ${params.id}`);
      return view;
    },
  }),
  route({
    method: 'POST', path: '/runbook-runs/:id/steps/:index/confirm', role: 'viewer', summary: 'Run a mutating step that waits for confirmation (the runbook\'s roles)',
    async handler({ ctx, principal, params }) {
      return { run: await answer(() => ctx.runbooks.confirm(idParam(params.id, 'runbook run'), idParam(params.index, 'step'), actor(principal))) };
    },
  }),
  route<z.infer<typeof doneBody>>({
    method: 'POST', path: '/runbook-runs/:id/steps/:index/done', role: 'viewer', summary: 'Tick a manual item, with an optional note (the runbook\'s roles)', body: doneBody,
    async handler({ ctx, principal, params, body }) {
      return { run: await answer(() => ctx.runbooks.done(idParam(params.id, 'runbook run'), idParam(params.index, 'step'), actor(principal), body.note || null)) };
    },
  }),
  route({
    method: 'POST', path: '/runbook-runs/:id/cancel', role: 'viewer', summary: 'Cancel a run: the running step\'s whole process group is killed (the runbook\'s roles)',
    async handler({ ctx, principal, params }) {
      return { run: await answer(() => ctx.runbooks.cancel(idParam(params.id, 'runbook run'), actor(principal))) };
    },
  }),
];

/**
 * GET /api/v1/runbook-runs/:id/stream: Server-Sent Events. EventSource cannot send headers, so this
 * one route also takes `?token=`; it replays the run so far (after Last-Event-ID when reconnecting),
 * then streams live, and ends when the run does.
 */
export function registerRunbookStream(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/api/v1/runbook-runs/:id/stream', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const secret = header ?? (request.query as Record<string, unknown>)['token'];
    if (typeof secret !== 'string' || secret === '') {
      throw new ApiError(401, 'missing token: send "Authorization: Bearer <token>" or, from an EventSource, ?token=<token>');
    }
    if (!(await ctx.tokens.authenticate(secret))) throw new ApiError(401, 'unknown or revoked token');
    const runId = idParam((request.params as { id: string }).id, 'runbook run');
    const after = Number(request.headers['last-event-id'] ?? 0) || 0;

    // Live events can arrive before the headers are out: they wait in order behind the replay.
    let open = false;
    const early: RunbookRunEvent[] = [];
    const write = (event: RunbookRunEvent) => (open ? void reply.raw.write(frame(event)) : void early.push(event));
    const follow = await ctx.runbooks.follow(runId, after, write);
    if (!follow) throw new ApiError(404, `no runbook run ${runId}`);
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    for (const event of [...follow.replay, ...early]) reply.raw.write(frame(event));
    open = true;
    // A run waiting for a confirmation can be quiet for long; a comment line keeps proxies from closing the stream.
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const closed = new Promise<void>((resolve) => reply.raw.on('close', resolve));
    if (follow.live) await Promise.race([follow.ended, closed]);
    clearInterval(keepAlive);
    follow.unsubscribe();
    reply.raw.end();
  });
}

function frame(event: RunbookRunEvent): string {
  const data = event.type === 'step' ? { index: event.index, status: event.status, exitCode: event.exitCode }
    : event.type === 'output' ? { index: event.index, stream: event.stream, text: event.text }
    : { status: event.status };
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}
