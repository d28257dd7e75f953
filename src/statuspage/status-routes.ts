import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { esc } from './html-escape.ts';
import { decideAccess } from './page-access.ts';
import type { StatusPages } from './status-pages.ts';

export interface StatusRouteDeps {
  pages: StatusPages;
  /** Whether an API token is valid (not revoked); the token's role does not matter: viewer suffices. */
  tokenValid(secret: string): Promise<boolean>;
}

const plain = (title: string, text: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1><p>${text}</p></main></body></html>`;

async function answer(deps: StatusRouteDeps, request: FastifyRequest, reply: FastifyReply, path: string, query: string): Promise<FastifyReply | undefined> {
  const found = deps.pages.resolve(path);
  if (!found) return undefined;
  const { page, target } = found;
  const access = await decideAccess(page, {
    path, authorization: request.headers.authorization, cookie: request.headers.cookie,
    queryToken: new URLSearchParams(query).get('token'), secure: request.protocol === 'https',
  }, deps.tokenValid);
  if (access.kind === 'deny') {
    return reply.status(401).header('cache-control', 'no-store').type('text/html; charset=utf-8')
      .send(plain('Sign-in needed', `${esc(access.reason)}. Open this page from the Opsdeck console, or send <code>Authorization: Bearer &lt;token&gt;</code>.`));
  }
  if (access.kind === 'remember') return reply.status(303).header('set-cookie', access.setCookie).header('cache-control', 'no-store').header('location', access.location).send();
  const body = await deps.pages.render(page, target);
  if (!body) return reply.status(404).type('text/html; charset=utf-8').send(plain('Not found', 'This status page has no such incident.'));
  reply.header('etag', body.etag)
    .header('cache-control', page.access === 'public' ? 'public, max-age=10' : 'private, max-age=10')
    .header('x-content-type-options', 'nosniff');
  if (page.access === 'private') reply.header('vary', 'Authorization, Cookie');
  if (request.headers['if-none-match'] === body.etag) return reply.status(304).send();
  return reply.type(body.contentType).send(body.body);
}

/**
 * Status pages answer before routing: their paths come from the config, which may be reloaded
 * while the server runs, and Fastify cannot add routes once it listens. A lookup of a few paths
 * per request is all it costs other routes.
 */
export function registerStatusPages(app: FastifyInstance, deps: StatusRouteDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const url = request.url;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path.startsWith('/api/')) return;
    return answer(deps, request, reply, path, q === -1 ? '' : url.slice(q + 1));
  });
}
