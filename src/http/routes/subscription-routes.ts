import { z } from 'zod';
import { SubscriptionError } from '../../subscriptions/index.ts';
import { ApiError } from '../api-error.ts';
import { route } from '../route-def.ts';
import { pageQuery } from './page-query.ts';

const addBody = z.object({
  url: z.string().min(1),
  components: z.array(z.string().min(1)).max(100).default([]),
}).strict();

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SubscriptionError) throw new ApiError(error.status, error.message, error.field);
    throw error;
  }
}

/** Subscribers as an admin manages them; people subscribe by email themselves on the status page (POST /status/subscribe). */
export const subscriptionRoutes = [
  route<undefined, z.infer<typeof pageQuery>>({
    method: 'GET', path: '/subscribers', role: 'admin', summary: 'Status-page subscribers, newest first', query: pageQuery,
    async handler({ ctx, query }) {
      return ctx.communications.subscriptions.list(query.limit, query.offset);
    },
  }),
  route<z.infer<typeof addBody>>({
    method: 'POST', path: '/subscribers', role: 'admin', summary: 'Add a webhook subscriber (confirmed at once)', body: addBody,
    async handler({ ctx, body }) {
      return { subscriber: await answering(() => ctx.communications.subscriptions.addWebhook(body.url, body.components)) };
    },
  }),
];
