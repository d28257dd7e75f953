import { z } from 'zod';
import type { ScheduleDef } from '../../config/index.ts';
import { finalShifts, layerShifts, onCallAt, OverrideError, type Shift } from '../../oncall/index.ts';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { instantField } from './request-time.ts';
import { route } from '../route-def.ts';

const DAY = 86_400_000;
const actor = (name: string) => `token:${name}`;

/** "2026-12-24T17:00" is local to the schedule; "...Z" or an offset is an instant. Absent: now. */
function instant(ctx: ApiContext, text: string | undefined, zone: string, field: string): number {
  if (text === undefined || text === '') return ctx.clock.now();
  return instantField(text, zone, field);
}

function scheduleOf(ctx: ApiContext, id: string | undefined): ScheduleDef {
  const schedule = id === undefined ? undefined : ctx.oncall.schedule(id);
  if (!schedule) throw new ApiError(404, `no schedule "${id}"; schedules: ${ctx.oncall.scheduleIds()}`);
  return schedule;
}

function userName(ctx: ApiContext, id: string | null): string | null {
  return id === null ? null : (ctx.oncall.user(id)?.name ?? id);
}

const shiftView = (ctx: ApiContext) => (s: Shift) => ({ ...s, name: userName(ctx, s.user) });

async function currentOnCall(ctx: ApiContext, schedule: ScheduleDef, at: number) {
  const extra = await ctx.oncall.extraOverrides(schedule, at - 90 * DAY, at + 90 * DAY);
  const now = onCallAt(schedule, at, extra);
  return now && { ...now, name: userName(ctx, now.user) };
}

const atQuery = z.object({ at: z.string().optional() }).strict();
const shiftsQuery = z.object({ from: z.string().optional(), days: z.coerce.number().int().min(1).max(93).default(28) }).strict();
const overrideBody = z.object({ user: z.string().min(1), from: z.string().min(1), to: z.string().min(1) }).strict();

export const oncallRoutes = [
  route<undefined, z.infer<typeof atQuery>>({
    method: 'GET', path: '/oncall', role: 'viewer', summary: 'Who is on call for every schedule at an instant (default now)', query: atQuery,
    async handler({ ctx, query }) {
      const config = ctx.config();
      const at = instant(ctx, query.at, config.timezone, 'at');
      const items = [];
      for (const schedule of config.schedules) {
        const now = await currentOnCall(ctx, schedule, at);
        items.push({ schedule: schedule.id, scheduleName: schedule.name, user: now?.user ?? null, name: now?.name ?? null, until: now?.to ?? null });
      }
      return { at, items };
    },
  }),
  route({
    method: 'GET', path: '/schedules', role: 'viewer', summary: 'Schedules with their layers and who is on call now',
    async handler({ ctx }) {
      const now = ctx.clock.now();
      const items = [];
      for (const schedule of ctx.config().schedules) {
        const current = await currentOnCall(ctx, schedule, now);
        items.push({
          id: schedule.id, name: schedule.name, timezone: schedule.timezone,
          layers: schedule.layers.map((l) => ({ name: l.name, members: l.members.map((m) => ({ id: m, name: userName(ctx, m) })) })),
          onCall: current && { user: current.user, name: current.name, until: current.to },
        });
      }
      return { items };
    },
  }),
  route<undefined, z.infer<typeof atQuery>>({
    method: 'GET', path: '/schedules/:id/oncall', role: 'viewer', summary: 'Who is on call at an instant (default now), and the shift around it', query: atQuery,
    async handler({ ctx, params, query }) {
      const schedule = scheduleOf(ctx, params.id);
      const at = instant(ctx, query.at, schedule.timezone, 'at');
      return { schedule: schedule.id, at, onCall: await currentOnCall(ctx, schedule, at) };
    },
  }),
  route<undefined, z.infer<typeof shiftsQuery>>({
    method: 'GET', path: '/schedules/:id/shifts', role: 'viewer', summary: 'The final schedule, each layer and the overrides over some days (default 28 from now)', query: shiftsQuery,
    async handler({ ctx, params, query }) {
      const schedule = scheduleOf(ctx, params.id);
      const from = instant(ctx, query.from, schedule.timezone, 'from');
      const to = from + query.days * DAY;
      const extra = await ctx.oncall.extraOverrides(schedule, from, to);
      const view = shiftView(ctx);
      return {
        schedule: { id: schedule.id, name: schedule.name, timezone: schedule.timezone },
        from, to,
        final: finalShifts(schedule, from, to, extra).map(view),
        layers: schedule.layers.map((layer, index) => ({ name: layer.name, shifts: layerShifts(schedule, index, from, to).map(view) })),
        overrides: (await ctx.oncall.overrides(schedule, from, to)).map((o) => ({ ...o, name: userName(ctx, o.user) })),
      };
    },
  }),
  route<z.infer<typeof overrideBody>>({
    method: 'POST', path: '/schedules/:id/overrides', role: 'responder', summary: 'Someone covers the schedule from one time to another', body: overrideBody,
    async handler({ ctx, principal, params, body }) {
      const schedule = scheduleOf(ctx, params.id);
      const from = instant(ctx, body.from, schedule.timezone, 'from');
      const to = instant(ctx, body.to, schedule.timezone, 'to');
      try {
        const override = await ctx.oncall.addOverride(schedule.id, { user: body.user, from, to }, actor(principal.name), ctx.clock.now());
        return { override: { ...override, name: userName(ctx, override.user) } };
      } catch (error) {
        if (error instanceof OverrideError) throw new ApiError(error.status, error.message, error.field);
        throw error;
      }
    },
  }),
  route({
    method: 'DELETE', path: '/schedules/:id/overrides/:overrideId', role: 'responder', summary: 'Remove an override made through the API',
    async handler({ ctx, params }) {
      scheduleOf(ctx, params.id);
      const id = Number(params.overrideId);
      if (!Number.isSafeInteger(id) || !(await ctx.store.overrides.remove(id))) {
        throw new ApiError(404, `no override ${params.overrideId} made through the API (overrides in the config are changed there)`);
      }
      return { removed: true };
    },
  }),
  route({
    method: 'GET', path: '/schedules/:id/feed', role: 'viewer', summary: 'The iCalendar feed URL of a schedule (unguessable; anyone with it can read the schedule)',
    async handler({ ctx, params }) {
      const schedule = scheduleOf(ctx, params.id);
      return { url: ctx.feeds.url('schedule', schedule.id) };
    },
  }),
  route({
    method: 'GET', path: '/users', role: 'viewer', summary: 'People, their contact methods (not their addresses) and their calendar feed',
    async handler({ ctx }) {
      return {
        items: ctx.config().users.map((u) => ({
          id: u.id, name: u.name, timezone: u.timezone, email: u.email,
          contacts: u.contacts.map((c) => ({ id: c.id, type: c.type })),
          feedUrl: ctx.feeds.url('user', u.id),
        })),
      };
    },
  }),
];
