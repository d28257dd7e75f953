import type { FastifyInstance, FastifyRequest } from 'fastify';
import { receiveWebhook, type WebhookReceiverDeps } from './webhook-receive.ts';

/**
 * A group can hold thousands of alerts and Alertmanager does not retry a 413, so the limit is far
 * above Opsdeck's API limit: only a body that could not be a real group is refused.
 */
const BODY_LIMIT = 16 * 1024 * 1024;

/**
 * `POST /alertmanager/<routing-key>` (webhook_config has only a URL) and `POST /alertmanager` with
 * `Authorization: Bearer <routing-key>` (http_config.authorization). The body is read as text
 * whatever its content type, so the log keeps it as sent and bad JSON gets this receiver's answer.
 */
export function registerAlertmanagerReceiver(app: FastifyInstance, deps: WebhookReceiverDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));

    const handle = (request: FastifyRequest, key: string) =>
      receiveWebhook(deps, key, typeof request.body === 'string' ? request.body : '', request.log);

    scope.post('/alertmanager/:key', async (request, reply) => {
      const answer = await handle(request, (request.params as { key: string }).key);
      return reply.status(answer.status).send(answer.body);
    });
    scope.post('/alertmanager', async (request, reply) => {
      const key = request.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      if (key === undefined) {
        return reply.status(401).header('www-authenticate', 'Bearer').send({
          status: 'error',
          error: 'missing routing key: POST to /alertmanager/<routing-key>, or send "Authorization: Bearer <routing-key>" (http_config.authorization in alertmanager.yml)',
        });
      }
      const answer = await handle(request, key);
      return reply.status(answer.status).send(answer.body);
    });
  });
}
