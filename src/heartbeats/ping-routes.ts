import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HeartbeatMonitor } from './heartbeat-monitor.ts';
import { parsePing } from './ping-request.ts';

/** The part of a ping's body kept as the run's log; the rest is read and dropped, never refused. */
export const PING_BODY_LIMIT = 100 * 1024;

interface PingBody {
  text: string;
  bytes: number;
}

/**
 * healthchecks.io-style ping URLs outside /api/v1: `GET|HEAD|POST /ping/<key>[/start|/fail|/log|/<0-255>]`
 * with an optional `?rid=<uuid>`. The key is the secret, so no token; every answer is short text
 * a shell script can print: 200 OK once the ping is stored, 404 for an unknown key, 400 for a bad
 * exit status or rid.
 */
export function registerHeartbeatPings(app: FastifyInstance, heartbeats: HeartbeatMonitor): void {
  void app.register(async (scope) => {
    // Any Content-Type (curl -d sends a form type, scripts send text); the body is only a log.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let bytes = 0;
      payload.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (kept < PING_BODY_LIMIT) {
          const part = chunk.subarray(0, PING_BODY_LIMIT - kept);
          chunks.push(part);
          kept += part.length;
        }
      });
      payload.on('end', () => done(null, { text: Buffer.concat(chunks).toString('utf8'), bytes } satisfies PingBody));
      payload.on('error', (err) => done(err, undefined));
    });
    scope.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
      if (error.statusCode !== undefined && error.statusCode < 500) return text(reply, 400, `bad request: ${error.message ?? 'unreadable'}`);
      app.log.error({ err: error }, 'heartbeat ping failed');
      return text(reply, 500, 'the ping could not be stored; retry');
    });
    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const { key, action } = request.params as { key: string; action?: string };
      const parsed = parsePing(action, (request.query as Record<string, unknown>)['rid']);
      if (!parsed.ok) return text(reply, 400, parsed.message);
      const body = (request.body as PingBody | undefined) ?? { text: '', bytes: 0 };
      const found = await heartbeats.ping(key, parsed.ping, { method: request.method, body: body.text, bodyBytes: body.bytes });
      return found ? text(reply, 200, 'OK') : text(reply, 404, 'not found');
    };
    // GET routes answer HEAD too (Fastify's exposeHeadRoutes), and a HEAD is a ping like the others.
    scope.route({ method: ['GET', 'POST'], url: '/ping/:key', handler: handle });
    scope.route({ method: ['GET', 'POST'], url: '/ping/:key/:action', handler: handle });
  });
}

function text(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).type('text/plain; charset=utf-8').send(body);
}
