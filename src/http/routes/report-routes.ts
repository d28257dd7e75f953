import { z } from 'zod';
import { isValidZone } from '../../calendar/index.ts';
import { MaintenanceService } from '../../maintenance/index.ts';
import { incidentReport, loadAvailability, resolveScope } from '../../reports/index.ts';
import type { Incident } from '../../incidents/index.ts';
import type { ApiContext } from '../api-context.ts';
import { ApiError } from '../api-error.ts';
import { instantField } from './request-time.ts';
import { route } from '../route-def.ts';

const DAY = 86_400_000;
/** A report spans at most this much: per-day buckets and state changes stay small. */
const MAX_SPAN_MS = 400 * DAY;

const period = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  zone: z.string().optional(),
});
const availabilityQuery = period.extend({ service: z.string().optional(), component: z.string().optional() }).strict();
const incidentsQuery = period.strict();

/**
 * [from, to) from what people type, in the zone (default: the config's). Without `to`, up to now;
 * without `from`, 30 days before `to`. A future `to` is cut at now: the future has no downtime yet.
 */
function periodOf(ctx: ApiContext, query: z.infer<typeof period>): { from: number; to: number; zone: string } {
  const zone = query.zone ?? ctx.config().timezone;
  if (!isValidZone(zone)) throw new ApiError(400, `zone: expected an IANA time zone like "Europe/Berlin", found "${zone}"`, 'zone');
  const at = (text: string, field: string) => instantField(text, zone, field);
  const now = ctx.clock.now();
  const to = Math.min(query.to ? at(query.to, 'to') : now, now);
  const from = query.from ? at(query.from, 'from') : to - 30 * DAY;
  if (!(from < to)) throw new ApiError(400, `from: expected a time before ${new Date(to).toISOString()} (to, or now), found ${new Date(from).toISOString()}`, 'from');
  if (to - from > MAX_SPAN_MS) throw new ApiError(400, `from: expected a period of at most 400 days, found ${Math.ceil((to - from) / DAY)}`, 'from');
  return { from, to, zone };
}

/** Incidents opened in [from, to): the store lists newest first, so paging stops at the first older one. */
async function incidentsOpened(ctx: ApiContext, from: number, to: number): Promise<Incident[]> {
  const out: Incident[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ctx.store.incidents.list({ limit: 500, offset });
    out.push(...page.items.filter((i) => i.openedAt >= from && i.openedAt < to));
    if (page.items.length < 500 || page.items.every((i) => i.openedAt < from)) return out;
  }
}

export const reportRoutes = [
  route<undefined, z.infer<typeof availabilityQuery>>({
    method: 'GET', path: '/reports/availability', role: 'viewer', query: availabilityQuery,
    summary: 'Availability of a service or component over [from, to): downtime from failing checks, maintenance excluded; per local day',
    async handler({ ctx, query }) {
      if (Boolean(query.service) === Boolean(query.component)) throw new ApiError(400, 'expected exactly one of ?service=<id> or ?component=<id>', query.service ? 'component' : 'service');
      const { from, to, zone } = periodOf(ctx, query);
      const scope = resolveScope(ctx.config(), query.service ? { kind: 'service', id: query.service } : { kind: 'component', id: query.component! });
      if (typeof scope === 'string') throw new ApiError(404, scope, query.service ? 'service' : 'component');
      const maintenance = new MaintenanceService({ store: ctx.store, clock: ctx.clock, config: ctx.config });
      const report = await loadAvailability({ results: ctx.store.results, maintenance: maintenance.intervals }, scope, from, to, zone);
      return { scope: { ...scope.scope, name: scope.name, services: scope.services, checks: scope.checks }, ...report };
    },
  }),
  route<undefined, z.infer<typeof incidentsQuery>>({
    method: 'GET', path: '/reports/incidents', role: 'viewer', query: incidentsQuery,
    summary: 'MTTA, MTTR and response-target compliance over the incidents opened in [from, to), overall and per severity',
    async handler({ ctx, query }) {
      const { from, to } = periodOf(ctx, query);
      return incidentReport(await incidentsOpened(ctx, from, to), from, to, ctx.clock.now());
    },
  }),
];
