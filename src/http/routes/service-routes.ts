import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { route } from '../route-def.ts';
import { recentChanges } from './change-routes.ts';
import { pageQuery } from './page-query.ts';
import { matchesSearch, serviceView, serviceViews } from './service-view.ts';

const listQuery = pageQuery.extend({ q: z.string().optional(), status: z.enum(['up', 'down', 'unknown']).optional() });
const alertQuery = pageQuery.extend({ state: z.enum(['inactive', 'pending', 'firing', 'resolved']).optional(), service: z.string().optional() });

async function openByService(ctx: ApiContext): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const incident of await ctx.store.incidents.unresolved()) {
    if (incident.service) counts.set(incident.service, (counts.get(incident.service) ?? 0) + 1);
  }
  return counts;
}

function alertViews(ctx: ApiContext, serviceId?: string) {
  return ctx.config().services
    .filter((s) => !serviceId || s.id === serviceId)
    .flatMap((s) => s.alerts)
    .map((rule) => ({
      ruleId: rule.id, service: rule.service, name: rule.name, when: rule.when, severity: rule.severity,
      runbook: rule.runbook, ...ctx.alerts.state(rule.id),
    }));
}

export const serviceRoutes = [
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/services', role: 'viewer', summary: 'Services with live state, down first; filtered and paginated on the server', query: listQuery,
    async handler({ ctx, query }) {
      const all = serviceViews(ctx.config(), ctx.checks, await openByService(ctx));
      const counts = { up: 0, down: 0, unknown: 0 };
      for (const view of all) counts[view.status]++;
      const matching = all.filter((v) => matchesSearch(v, query.q) && (!query.status || v.status === query.status));
      return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length, counts };
    },
  }),
  route({
    method: 'GET', path: '/services/:service', role: 'viewer', summary: 'One service with its checks, alerts and recent changes',
    async handler({ ctx, params }) {
      const service = ctx.config().services.find((s) => s.id === params.service);
      if (!service) throw new ApiError(404, `no service "${params.service}"`);
      const open = (await openByService(ctx)).get(service.id) ?? 0;
      return { ...serviceView(service, ctx.checks, open), alerts: alertViews(ctx, service.id), changes: await recentChanges(ctx, service.id) };
    },
  }),
  route<undefined, { limit: number }>({
    method: 'GET', path: '/checks/:service/:check/results', role: 'viewer', summary: 'Recent results and state changes of a check',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    async handler({ ctx, params, query }) {
      const id = `${params.service}/${params.check}`;
      if (!ctx.config().services.some((s) => s.checks.some((c) => c.id === id))) throw new ApiError(404, `no check "${id}"`);
      return { items: await ctx.store.results.recent(id, query.limit), stateChanges: await ctx.store.results.stateChanges(id, 100) };
    },
  }),
  route<undefined, z.infer<typeof alertQuery>>({
    method: 'GET', path: '/alerts', role: 'viewer', summary: 'Alert rules with their state; firing first, filtered and paginated', query: alertQuery,
    async handler({ ctx, query }) {
      const rank = { firing: 0, pending: 1, resolved: 2, inactive: 3 } as const;
      const all = alertViews(ctx, query.service)
        .filter((a) => !query.state || a.state === query.state)
        .sort((a, b) => rank[a.state] - rank[b.state]);
      return { items: all.slice(query.offset, query.offset + query.limit), total: all.length };
    },
  }),
];
