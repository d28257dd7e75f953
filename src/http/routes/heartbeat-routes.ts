import { z } from 'zod';
import type { Principal } from '../../auth/index.ts';
import type { HeartbeatDef } from '../../config/index.ts';
import { downSummary, type HeartbeatState } from '../../heartbeats/index.ts';
import type { HeartbeatPing } from '../../store/index.ts';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { route } from '../route-def.ts';

/** How many runs with a duration, and how many pings with their logs, a heartbeat shows at a glance. */
const RECENT_DURATIONS = 10;
const RECENT_LOGS = 5;

const pingsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** A ping id: the page before it (newest first), for reading further back. */
  before: z.coerce.number().int().min(1).optional(),
});

function known(ctx: ApiContext, id: string): HeartbeatDef {
  const def = ctx.heartbeats.definition(id);
  if (def) return def;
  const ids = ctx.config().heartbeats.map((h) => h.id);
  throw new ApiError(404, `no heartbeat "${id}"; ${ids.length ? `heartbeats: ${ids.slice(0, 20).join(', ')}` : 'none are configured; add them under heartbeats: in the config'}`);
}

const pingView = (p: HeartbeatPing) => ({
  id: p.id, at: p.receivedAt, kind: p.kind, exitStatus: p.exitStatus, rid: p.rid, durationMs: p.durationMs, method: p.method,
  body: p.body, bodyBytes: p.bodyBytes, truncated: p.bodyBytes > Buffer.byteLength(p.body),
});

/**
 * A heartbeat as the console and CLI show it. The ping URL is a credential (whoever has it can
 * report the job as done), so a viewer does not get it; responders and admins paste it into crontabs.
 */
async function view(ctx: ApiContext, def: HeartbeatDef, principal: Principal) {
  const state: HeartbeatState | undefined = ctx.heartbeats.state(def.id);
  const [durations, logs] = await Promise.all([
    ctx.store.heartbeats.pings(def.id, { limit: RECENT_DURATIONS, withDuration: true }),
    ctx.store.heartbeats.pings(def.id, { limit: RECENT_LOGS }),
  ]);
  return {
    id: def.id, name: def.name, service: def.service, severity: def.severity, escalation: def.escalation, graceMs: def.graceMs,
    schedule: def.schedule.kind === 'cron' ? { kind: 'cron', expr: def.schedule.expr, timezone: def.schedule.timezone } : { kind: 'period', everyMs: def.schedule.everyMs },
    pingUrl: principal.role === 'viewer' ? null : ctx.heartbeats.pingUrl(def.id),
    status: state?.status ?? 'new',
    since: state?.since ?? null,
    lastPingAt: state?.lastPingAt ?? null,
    lastPingKind: state?.lastPingKind ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    /** When it goes down unless a ping comes first; null while down. */
    deadline: state ? ctx.heartbeats.deadlineOf(def, state) : null,
    downSince: state?.downSince ?? null,
    reason: state?.reason ?? null,
    summary: state?.status === 'down' && state.reason ? downSummary(def, state.reason) : null,
    running: state?.running ?? [],
    lastDurationMs: state?.lastDurationMs ?? null,
    durations: durations.map((p) => ({ at: p.receivedAt, durationMs: p.durationMs!, kind: p.kind, rid: p.rid })),
    logs: logs.map(pingView),
  };
}

export const heartbeatRoutes = [
  route({
    method: 'GET', path: '/heartbeats', role: 'viewer', summary: 'Heartbeats with their status, ping URL, last pings, durations and logs',
    async handler({ ctx, principal }) {
      return { items: await Promise.all(ctx.config().heartbeats.map((def) => view(ctx, def, principal))) };
    },
  }),
  route({
    method: 'GET', path: '/heartbeats/:id', role: 'viewer', summary: 'One heartbeat',
    async handler({ ctx, params, principal }) {
      return { heartbeat: await view(ctx, known(ctx, params['id']!), principal) };
    },
  }),
  route<undefined, z.infer<typeof pingsQuery>>({
    method: 'GET', path: '/heartbeats/:id/pings', role: 'viewer', summary: 'A heartbeat\'s pings, newest first, with bodies; ?before=<id> pages back', query: pingsQuery,
    async handler({ ctx, params, query }) {
      const def = known(ctx, params['id']!);
      const items = await ctx.store.heartbeats.pings(def.id, { limit: query.limit, beforeId: query.before });
      return { items: items.map(pingView), total: await ctx.store.heartbeats.count(def.id) };
    },
  }),
];
