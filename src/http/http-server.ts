import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { roleAllows, type Principal } from '../auth/index.ts';
import { IncidentError } from '../incidents/index.ts';
import { registerStatusPages, type StatusRouteDeps } from '../statuspage/index.ts';
import type { ApiContext } from './api-context.ts';
import { ApiError } from './api-error.ts';
import { registerInboundRoutes } from './inbound-routes.ts';
import { openApiDocument } from './openapi.ts';
import { RawAnswer, type RouteDef } from './route-def.ts';
import { apiRoutes } from './routes/index.ts';

export interface HttpServerOptions {
  logger: Logger;
  /** The built console (console/dist); served at / when present. */
  consoleDir: string;
  version: string;
  /** Server-rendered status pages at their configured paths (outside /api/v1). */
  statusPages?: StatusRouteDeps;
}

const INCIDENT_STATUS = { not_found: 404, conflict: 409, invalid: 400 } as const;

function parseOrThrow<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query'): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value ?? (where === 'body' ? {} : {}));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || where;
  throw new ApiError(400, `${where === 'query' ? 'query parameter ' : ''}${field}: ${issue.message}`, field);
}

async function authenticate(ctx: ApiContext, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new ApiError(401, 'missing token: send "Authorization: Bearer <token>" (create one with `opsdeck tokens create`)');
  const principal = await ctx.tokens.authenticate(match[1]!);
  if (!principal) throw new ApiError(401, 'unknown or revoked token');
  return principal;
}

function register(app: FastifyInstance, ctx: ApiContext, def: RouteDef): void {
  app.route({
    method: def.method,
    url: `/api/v1${def.path}`,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = await authenticate(ctx, request);
      if (!roleAllows(principal.role, def.role)) {
        throw new ApiError(403, `this needs role ${def.role} or higher; your token's role is ${principal.role}`);
      }
      const body = parseOrThrow(def.body, request.body, 'body');
      const answer = await def.handler({
        ctx, principal, body,
        params: request.params as Record<string, string>,
        query: parseOrThrow(def.query, request.query, 'query'),
      });
      // Every change made by a person or token is audited, whatever the route.
      if (def.method !== 'GET') {
        await ctx.store.audit.append({
          at: ctx.clock.now(), actor: `token:${principal.name}`, action: `${def.method} ${def.path}`,
          target: request.url.split('?')[0]!, data: ((def.auditBody ? def.auditBody(body) : body) as Record<string, unknown> | undefined) ?? null,
        });
      }
      if (answer instanceof RawAnswer) return reply.type(answer.contentType).send(answer.body);
      return answer;
    },
  });
}

function sendError(error: unknown, reply: FastifyReply, logger: Logger): FastifyReply {
  if (error instanceof ApiError) {
    if (error.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.status(error.status).send({ error: error.message, ...(error.field ? { field: error.field } : {}) });
  }
  if (error instanceof IncidentError) {
    return reply.status(INCIDENT_STATUS[error.code]).send({ error: error.message, ...(error.field ? { field: error.field } : {}) });
  }
  const fastifyError = error as { statusCode?: number; message?: string };
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return reply.status(fastifyError.statusCode).send({ error: `malformed request: ${fastifyError.message}`, field: 'body' });
  }
  logger.error({ err: error }, 'request failed');
  return reply.status(500).send({ error: 'internal error; see the server log' });
}

export async function createHttpServer(ctx: ApiContext, options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1_048_576 });
  app.setErrorHandler((error, _request, reply) => sendError(error, reply, options.logger));

  const document = openApiDocument(apiRoutes, options.version);
  app.get('/api/v1/openapi.json', async () => document);
  for (const def of apiRoutes) register(app, ctx, def);
  app.all('/api/*', async (request) => {
    throw new ApiError(404, `no API route ${request.method} ${request.url.split('?')[0]}; see /api/v1/openapi.json`);
  });

  registerInboundRoutes(app, ctx);
  if (options.statusPages) registerStatusPages(app, options.statusPages);

  // Calendar apps poll feeds without a token: the unguessable URL is the credential.
  app.get('/calendar/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const body = file.endsWith('.ics') ? await ctx.feeds.render(file.slice(0, -4)) : null;
    if (body === null) return reply.status(404).type('text/plain').send('no such calendar feed');
    return reply.type('text/calendar; charset=utf-8').send(body);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await ctx.ready().catch(() => false);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await ctx.metrics();
    return reply.type(contentType).send(body);
  });

  if (existsSync(`${options.consoleDir}/index.html`)) {
    await app.register(fastifyStatic, { root: options.consoleDir, wildcard: false });
    // The console routes in the browser: any other GET gets its page.
    app.setNotFoundHandler((request, reply) =>
      request.method === 'GET' ? reply.sendFile('index.html') : reply.status(404).send({ error: 'not found' }));
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/html').send('<!doctype html><title>Opsdeck</title><p>The console is not built: run <code>npm run build</code>. The API is at <code>/api/v1</code>.</p>'));
  }
  return app;
}
