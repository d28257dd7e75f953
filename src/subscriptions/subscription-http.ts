import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SubscriptionError } from './subscription-error.ts';
import { messagePage, unsubscribeFormPage } from './subscription-pages.ts';
import type { Subscriptions } from './subscription-service.ts';

export interface SubscriptionPagesDeps {
  subscriptions: Subscriptions;
  organization(): string;
}

type Body = Record<string, unknown>;

/** Forms post a single value per field; JSON may send a list. */
function components(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return [];
}

const wantsJson = (request: FastifyRequest) => (request.headers['content-type'] ?? '').includes('json') || (request.headers.accept ?? '').startsWith('application/json');

/**
 * The public subscription endpoints, outside /api/v1 and without a token (the unguessable token
 * in each link is the credential): POST /status/subscribe (a form or JSON), GET /status/confirm/<t>,
 * and /status/unsubscribe/<t>, where GET shows a confirm button and POST unsubscribes. The POST
 * also serves RFC 8058 one-click unsubscription, which mail clients send as a form.
 */
export function registerSubscriptionPages(app: FastifyInstance, deps: SubscriptionPagesDeps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))));
    // RFC 8058 allows multipart/form-data for the one-click POST; its body says nothing we need.
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16_384 }, (_request, _body, done) => done(null, {}));

    const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    const org = () => deps.organization();
    const refused = (reply: FastifyReply, json: boolean, error: unknown) => {
      if (!(error instanceof SubscriptionError)) throw error;
      if (json) return reply.status(error.status).send({ error: error.message, ...(error.field ? { field: error.field } : {}) });
      return html(reply, error.status, messagePage(org(), error.status === 404 ? 'Link not valid' : 'Could not subscribe', error.message));
    };

    scope.post('/status/subscribe', async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const json = wantsJson(request);
      try {
        const subscriber = await deps.subscriptions.subscribeEmail(String(body.email ?? ''), components(body.components));
        if (json) return reply.status(202).send({ status: 'confirmation sent', email: subscriber.address });
        return html(reply, 202, messagePage(org(), 'Check your inbox', `We sent a confirmation link to ${subscriber.address}. Nothing else is sent until you follow it.`));
      } catch (error) {
        return refused(reply, json, error);
      }
    });

    scope.get('/status/confirm/:token', async (request, reply) => {
      try {
        const { outcome, subscriber } = await deps.subscriptions.confirm((request.params as { token: string }).token);
        const text = outcome === 'confirmed'
          ? `${subscriber.address} will now receive ${org()} status updates. Every message has a link to unsubscribe.`
          : `${subscriber.address} was confirmed already.`;
        return html(reply, 200, messagePage(org(), 'Subscription confirmed', text));
      } catch (error) {
        return refused(reply, false, error);
      }
    });

    scope.get('/status/unsubscribe/:token', async (request, reply) => {
      try {
        const subscriber = await deps.subscriptions.lookup((request.params as { token: string }).token);
        if (subscriber.unsubscribedAt !== null) return html(reply, 200, messagePage(org(), 'Unsubscribed', `${subscriber.address} is unsubscribed already.`));
        return html(reply, 200, unsubscribeFormPage(org(), subscriber.address, request.url.split('?')[0]!));
      } catch (error) {
        return refused(reply, false, error);
      }
    });

    scope.post('/status/unsubscribe/:token', async (request, reply) => {
      try {
        const { outcome, subscriber } = await deps.subscriptions.unsubscribe((request.params as { token: string }).token);
        const text = outcome === 'unsubscribed' ? `${subscriber.address} will receive no more status updates.` : `${subscriber.address} was unsubscribed already.`;
        return html(reply, 200, messagePage(org(), 'Unsubscribed', text));
      } catch (error) {
        return refused(reply, false, error);
      }
    });
  });
}
