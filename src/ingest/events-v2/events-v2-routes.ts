import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import type { AlertIntake } from '../alert-intake.ts';
import { invalid, tooLarge, type Reply } from './event-replies.ts';
import { EventsReceiver } from './events-receiver.ts';

/** PagerDuty's limit for one event. */
export const BODY_LIMIT = 512 * 1024;

export interface EventsV2RouteDeps {
  store: Store;
  clock: Clock;
  config(): Config;
  intake: AlertIntake;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * `POST /v2/enqueue` and `/v2/change/enqueue` (with or without a trailing slash), in a plugin
 * scope of their own: the body is read raw whatever the Content-Type says (senders differ; the
 * body decides), kept as received for the inbound log, and every failure, Fastify's own
 * included (too large, a malformed Content-Type), is answered in PagerDuty's shape.
 */
export function registerEventsV2(app: FastifyInstance, deps: EventsV2RouteDeps): EventsReceiver {
  const receiver = new EventsReceiver({ ...deps, logger: app.log as unknown as Logger });
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return send(reply, tooLarge(BODY_LIMIT));
      if (error.statusCode !== undefined && error.statusCode < 500) {
        const what = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'the Content-Type header is malformed; expected application/json' : `the request could not be read: ${error.message}`;
        return send(reply, invalid([what]));
      }
      app.log.error({ err: error }, 'events v2: request failed');
      return reply.status(500).send({ status: 'error', message: 'Internal error; retry', errors: ['the server log says more'] });
    });
    const text = (body: unknown): string => (Buffer.isBuffer(body) ? body.toString('utf8') : '');
    for (const url of ['/v2/enqueue', '/v2/enqueue/']) {
      scope.post(url, { bodyLimit: BODY_LIMIT }, async (request, reply) => send(reply, await receiver.enqueue(text(request.body))));
    }
    for (const url of ['/v2/change/enqueue', '/v2/change/enqueue/']) {
      scope.post(url, { bodyLimit: BODY_LIMIT }, async (request, reply) => send(reply, await receiver.change(text(request.body))));
    }
  });
  return receiver;
}

function send(reply: FastifyReply, answer: Reply): FastifyReply {
  if (answer.headers) reply.headers(answer.headers);
  return reply.status(answer.status).send(answer.body);
}
