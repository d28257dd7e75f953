import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { route } from '../route-def.ts';

const listQuery = z.object({ service: z.string().optional(), failing: z.enum(['true', 'false']).optional() });

/**
 * PromQL rules as they run: when each last evaluated, the error its query last failed with (a
 * rule error: the series keep their states meanwhile) and every pending or firing series.
 */
export const queryRuleRoutes = [
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/query-rules', role: 'viewer', summary: 'PromQL alert rules: last evaluation, last error, series states', query: listQuery,
    async handler({ ctx, query }) {
      const items = ctx.queryRules.view()
        .filter((r) => !query.service || r.service === query.service)
        .filter((r) => query.failing === undefined || (r.lastError !== null) === (query.failing === 'true'));
      return { items, total: items.length };
    },
  }),
  route({
    method: 'GET', path: '/query-rules/:service/:rule', role: 'viewer', summary: 'One PromQL alert rule',
    async handler({ ctx, params }) {
      const id = `${params.service}/${params.rule}`;
      const rule = ctx.queryRules.view().find((r) => r.id === id);
      if (!rule) throw new ApiError(404, `no PromQL rule ${id}; GET /query-rules lists them`);
      return rule;
    },
  }),
];
