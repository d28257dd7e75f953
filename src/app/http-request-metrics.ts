import type { FastifyInstance } from 'fastify';
import type { AppMetrics } from './app-metrics.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every request under its route pattern ("/api/v1/incidents/:id"), never the raw URL: a label
 * per incident id, or per path a scanner makes up, would grow the series without bound. Requests
 * no route matched share "unmatched". Added before the server listens, so it sees every route.
 */
export function observeHttpRequests(http: FastifyInstance, metrics: AppMetrics): void {
  http.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: METHODS.has(request.method) ? request.method : 'other',
        route: request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched'),
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
