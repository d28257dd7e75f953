import { z } from 'zod';
import { isValidZone } from '../../calendar/index.ts';
import type { Config, MaintenanceDef } from '../../config/index.ts';
import { MaintenanceChangeError, occurrenceState, type Occurrence } from '../../maintenance/index.ts';
import { parseDuration } from '../../time/index.ts';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { instantField } from './request-time.ts';
import { route } from '../route-def.ts';

const DAY = 86_400_000;
/** A year of a cron window every few minutes is already a lot to send; longer ranges are refused. */
const MAX_RANGE_MS = 366 * DAY;

const listQuery = z.object({ from: z.string().optional(), to: z.string().optional() }).strict();
const ids = z.array(z.string().min(1)).min(1);
const createBody = z.object({
  title: z.string().trim().min(1, { error: 'expected a title people will read on the status page' }).max(200),
  start: z.string(),
  lasts: z.string().optional(),
  end: z.string().optional(),
  timezone: z.string().optional(),
  services: ids.optional(),
  components: ids.optional(),
  message: z.string().max(5_000).optional(),
  notice: z.string().optional(),
}).strict();
const extendBody = z.object({ by: z.string().optional(), until: z.string().optional() }).strict();

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const NTH = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', last: 'last' } as const;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The schedule as people write it in the config. */
function scheduleText(def: MaintenanceDef): string {
  const s = def.schedule;
  switch (s.kind) {
    case 'once': return `once at ${new Date(s.start).toISOString()}`;
    case 'weekly': return `every ${DAYS[s.weekday]} ${hhmm(s.minute)}`;
    case 'monthly-weekday': return `every ${NTH[s.nth]} ${DAYS[s.weekday]} ${hhmm(s.minute)}`;
    case 'cron': return `cron ${s.expr}`;
  }
}

export function occurrenceView(o: Occurrence, now: number) {
  return { window: o.window, start: o.start, end: o.end, scheduledEnd: o.scheduledEnd, noticeAt: o.noticeAt, state: occurrenceState(o, now), changed: o.changed };
}

const time = instantField;

function duration(text: string, field: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new ApiError(400, `${field}: ${parsed.message}`, field);
  return parsed.ms;
}

const componentsOf = (config: Config) => config.statusPages.flatMap((p) => p.groups.flatMap((g) => g.components));

/** The scope of a created window, checked against the config; either list defaults from the other, as in the config. */
function scope(config: Config, body: z.infer<typeof createBody>): { services: string[]; components: string[] } {
  if (!body.services && !body.components) throw new ApiError(400, 'expected services or components (or both), found neither; a window needs a scope', 'services');
  const knownServices = config.services.map((s) => s.id);
  const components = componentsOf(config);
  body.services?.forEach((id, i) => {
    if (!knownServices.includes(id)) throw new ApiError(400, `services.${i}: expected a service of the config (${knownServices.join(', ') || 'none'}), found "${id}"`, `services.${i}`);
  });
  body.components?.forEach((id, i) => {
    if (!components.some((c) => c.id === id)) throw new ApiError(400, `components.${i}: expected a status-page component (${components.map((c) => c.id).join(', ') || 'none'}), found "${id}"`, `components.${i}`);
  });
  const services = body.services ?? [...new Set(components.filter((c) => body.components!.includes(c.id)).flatMap((c) => c.services))];
  return {
    services,
    components: body.components ?? [...new Set(components.filter((c) => c.services.some((s) => services.includes(s))).map((c) => c.id))],
  };
}

/** `:start` is the occurrence's scheduled start: epoch milliseconds, or an ISO time. */
function occurrenceStart(ctx: ApiContext, text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  return time(text, ctx.config().timezone, 'occurrenceStart');
}

async function changing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof MaintenanceChangeError)) throw err;
    throw new ApiError({ 'not-found': 404, conflict: 409, invalid: 400 }[err.reason], err.message, err.field);
  }
}

export const maintenanceRoutes = [
  route<undefined, z.infer<typeof listQuery>>({
    method: 'GET', path: '/maintenance', role: 'viewer', summary: 'Maintenance windows with their occurrences in [from, to) and each one\'s state', query: listQuery,
    async handler({ ctx, query }) {
      const now = ctx.clock.now();
      const zone = ctx.config().timezone;
      const from = query.from ? time(query.from, zone, 'from') : now - DAY;
      const to = query.to ? time(query.to, zone, 'to') : now + 30 * DAY;
      if (!(to > from)) throw new ApiError(400, `to: expected a time after from (${new Date(from).toISOString()}), found ${new Date(to).toISOString()}`, 'to');
      if (to - from > MAX_RANGE_MS) throw new ApiError(400, `to: expected at most 366 days after from, found ${Math.ceil((to - from) / DAY)} days`, 'to');
      const occurrences = await ctx.maintenance.occurrences(from, to);
      const windows = ctx.config().maintenance.map((def) => ({
        id: def.id, source: 'config' as const, title: def.title, timezone: def.timezone, schedule: scheduleText(def),
        duration: 'lastsMs' in def.duration ? { lastsMs: def.duration.lastsMs } : { until: hhmm(def.duration.untilMinute) },
        services: def.services, components: def.components, noticeMs: def.noticeMs, message: def.message, checklist: def.checklist,
        occurrences: occurrences.filter((o) => o.window === def.id).map((o) => occurrenceView(o, now)),
      }));
      const created = occurrences.filter((o) => o.source === 'api').map((o) => ({
        id: o.window, source: 'api' as const, title: o.title, timezone: o.timezone, schedule: `once at ${new Date(o.start).toISOString()}`,
        duration: { lastsMs: o.scheduledEnd - o.start }, services: o.services, components: o.components,
        noticeMs: o.start - o.noticeAt, message: o.message, checklist: null, occurrences: [occurrenceView(o, now)],
      }));
      return { from, to, windows: [...windows, ...created] };
    },
  }),
  route<z.infer<typeof createBody>>({
    method: 'POST', path: '/maintenance', role: 'responder', summary: 'Declare a one-off maintenance window (muted alerts, shown on status pages)', body: createBody,
    async handler({ ctx, principal, body }) {
      const config = ctx.config();
      const zone = body.timezone ?? config.timezone;
      if (!isValidZone(zone)) {
        throw new ApiError(400, `timezone: expected an IANA zone like "Europe/Berlin", found "${body.timezone}"`, 'timezone');
      }
      const start = time(body.start, zone, 'start');
      if (body.lasts && body.end) throw new ApiError(400, 'give either lasts (elapsed, like 2h) or end (a time), not both', 'lasts');
      let end: number;
      if (body.end) end = time(body.end, zone, 'end');
      else if (body.lasts) end = start + duration(body.lasts, 'lasts');
      else throw new ApiError(400, 'expected lasts (like 2h) or end (a time), found neither', 'lasts');
      const occurrence = await changing(() => ctx.maintenance.create({
        title: body.title, timezone: zone, ...scope(config, body), message: body.message ?? null, start, end,
        ...(body.notice !== undefined ? { noticeMs: duration(body.notice, 'notice') } : {}),
      }, principal.name));
      return { occurrence: { ...occurrenceView(occurrence, ctx.clock.now()), title: occurrence.title, services: occurrence.services, components: occurrence.components } };
    },
  }),
  route({
    method: 'POST', path: '/maintenance/:window/:start/end', role: 'responder', summary: 'End a running occurrence now; muted alerts notify again',
    async handler({ ctx, principal, params }) {
      const o = await changing(() => ctx.maintenance.endEarly(params.window!, occurrenceStart(ctx, params.start!), principal.name));
      return { occurrence: occurrenceView(o, ctx.clock.now()) };
    },
  }),
  route<z.infer<typeof extendBody>>({
    method: 'POST', path: '/maintenance/:window/:start/extend', role: 'responder', summary: 'Move the end of a running or upcoming occurrence later: { by: "1h" } or { until: time }', body: extendBody,
    async handler({ ctx, principal, params, body }) {
      if ((body.by === undefined) === (body.until === undefined)) throw new ApiError(400, 'expected exactly one of by (like 1h) or until (a time)', 'by');
      const window = params.window!;
      const zone = ctx.config().maintenance.find((d) => d.id === window)?.timezone ?? ctx.config().timezone;
      const by = body.by === undefined ? null : duration(body.by, 'by');
      const until = body.until === undefined ? null : time(body.until, zone, 'until');
      const to = (end: number) => (by !== null ? end + by : until!);
      const o = await changing(() => ctx.maintenance.extend(window, occurrenceStart(ctx, params.start!), to, principal.name));
      return { occurrence: occurrenceView(o, ctx.clock.now()) };
    },
  }),
];
