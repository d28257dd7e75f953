import { z } from 'zod';
import type { Principal } from '../../auth/index.ts';
import type { Incident } from '../../incidents/index.ts';
import type { ChangeEvent } from '../../store/index.ts';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { instantField } from './request-time.ts';
import { route } from '../route-def.ts';
import { pageQuery } from './page-query.ts';

/** "Changes in the two hours before": what a responder looks at first when something breaks. */
export const CHANGES_BEFORE_MS = 2 * 60 * 60_000;
/** How many changes the service page shows. */
export const RECENT_CHANGES = 20;
/** An incident's panel is a glance, not a log: past this many, the newest are shown. */
const CHANGES_BEFORE_LIMIT = 100;

// Only http(s): the console renders these as links, and a javascript: URL there would run in a responder's session.
const link = z.object({
  href: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL like "https://ci.example.com/run/42"' }),
  text: z.string().max(1024).optional(),
}).strict();
const addBody = z.object({
  summary: z.string().trim().min(1, { error: 'expected a summary like "deploy v1.4.2"' }).max(1024),
  service: z.string().min(1).optional(),
  source: z.string().max(255).optional(),
  timestamp: z.string().optional(),
  links: z.array(link).max(50).default([]),
  custom_details: z.unknown().optional(),
}).strict();
const listQuery = pageQuery.extend({ service: z.string().optional() });

/** A service's most recent changes, its own and those tied to no service (they belong to every service). */
export function recentChanges(ctx: ApiContext, service: string): Promise<ChangeEvent[]> {
  return ctx.store.changes.between(service, 0, Number.MAX_SAFE_INTEGER, RECENT_CHANGES);
}

/**
 * The changes of the incident's service (and of no service) from two hours before it opened until
 * it resolved, or until now while it is open: a deploy made during the incident is a suspect too.
 * An incident tied to no service sees the changes of every service.
 */
export function changesBefore(ctx: ApiContext, incident: Pick<Incident, 'service' | 'openedAt' | 'resolvedAt'>): Promise<ChangeEvent[]> {
  const to = (incident.resolvedAt ?? ctx.clock.now()) + 1;
  return ctx.store.changes.between(incident.service, incident.openedAt - CHANGES_BEFORE_MS, to, CHANGES_BEFORE_LIMIT);
}

function when(ctx: ApiContext, text: string | undefined): number {
  if (text === undefined) return ctx.clock.now();
  return instantField(text, ctx.config().timezone, 'timestamp');
}

function knownService(ctx: ApiContext, id: string | undefined): string | null {
  if (id === undefined) return null;
  const services = ctx.config().services;
  if (services.some((s) => s.id === id)) return id;
  const known = services.slice(0, 10).map((s) => `"${s.id}"`).join(', ');
  throw new ApiError(400, `service: no service "${id}" in the config; expected one of ${known || '(none configured)'}${services.length > 10 ? ', ...' : ''}, or no service at all`, 'service');
}

const origin = (principal: Principal) => `token:${principal.name}`;

export const changeRoutes = [
  route<z.infer<typeof addBody>>({
    method: 'POST', path: '/changes', role: 'responder', summary: 'Record a change (a deploy, a config push) from CI or a person', body: addBody,
    async handler({ ctx, principal, body }) {
      const service = knownService(ctx, body.service);
      const at = when(ctx, body.timestamp);
      // The inbound log holds every event other tools sent, this API's changes included (the ingest rate counts them).
      const change = await ctx.store.withTransaction(async (tx) => {
        await tx.inboundEvents.append([{
          source: 'changes-api', integration: origin(principal), action: 'change', alertKey: null, body: JSON.stringify(body), receivedAt: ctx.clock.now(),
        }]);
        return tx.changes.add({
          service, summary: body.summary, origin: origin(principal), source: body.source ?? null, at,
          links: body.links, customDetails: body.custom_details ?? null,
        });
      });
      return { change };
    },
  }),
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/changes', role: 'viewer', summary: 'Changes, newest first; ?service= for one service', query: listQuery,
    async handler({ ctx, query }) {
      return ctx.store.changes.list({ service: query.service, limit: query.limit, offset: query.offset });
    },
  }),
];
