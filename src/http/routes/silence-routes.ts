import { z } from 'zod';
import { expiringSoon, parseMatcher, silenceMatchersProblem, silenceState, type Matcher } from '../../pipeline/index.ts';
import type { SilenceRecord } from '../../store/index.ts';
import { parseDuration } from '../../time/index.ts';
import { ApiError } from '../api-error.ts';
import type { ApiContext } from '../api-context.ts';
import { instantField } from './request-time.ts';
import { route } from '../route-def.ts';
import { pageQuery } from './page-query.ts';

/** A silence about to end is flagged this long before, in the API and the console (and noticed once to its author). */
export const SILENCE_NOTICE_MS = 15 * 60_000;

const matcherObject = z.object({ label: z.string().min(1), op: z.enum(['=', '!=', '=~', '!~']), value: z.string() }).strict();
const createBody = z.object({
  matchers: z.array(z.union([z.string(), matcherObject])).min(1, { error: 'expected at least one matcher like "service=payments"' }),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  duration: z.string().optional(),
  comment: z.string().trim().min(1, { error: 'expected a comment saying why (it shows on every muted alert)' }).max(2_000),
}).strict();

export function silenceView(s: SilenceRecord, now: number) {
  return { ...s, state: silenceState(s, now), expiringSoon: expiringSoon(s, now, SILENCE_NOTICE_MS) };
}

function matchers(written: z.infer<typeof createBody>['matchers']): Matcher[] {
  return written.map((m, index) => {
    if (typeof m !== 'string') {
      const parsed = parseMatcher(`${m.label}${m.op}${JSON.stringify(m.value)}`);
      if (!parsed.ok) throw new ApiError(400, `matchers.${index}: ${parsed.message}`, `matchers.${index}`);
      return parsed.matcher;
    }
    const parsed = parseMatcher(m);
    if (!parsed.ok) throw new ApiError(400, `matchers.${index}: ${parsed.message} (column ${parsed.column})`, `matchers.${index}`);
    return parsed.matcher;
  });
}

function time(ctx: ApiContext, text: string, field: string): number {
  return instantField(text, ctx.config().timezone, field);
}

export const silenceRoutes = [
  route<undefined, z.infer<typeof pageQuery>>({
    method: 'GET', path: '/silences', role: 'viewer', summary: 'Silences, newest first, with their state', query: pageQuery,
    async handler({ ctx, query }) {
      const now = ctx.clock.now();
      const page = await ctx.store.silences.list(query.limit, query.offset);
      return { items: page.items.map((s) => silenceView(s, now)), total: page.total };
    },
  }),
  route<z.infer<typeof createBody>>({
    method: 'POST', path: '/silences', role: 'responder', summary: 'Mute matching alerts for a while (they are still recorded)', body: createBody,
    async handler({ ctx, principal, body }) {
      const now = ctx.clock.now();
      const startsAt = body.startsAt ? time(ctx, body.startsAt, 'startsAt') : now;
      if (body.endsAt && body.duration) throw new ApiError(400, 'give either endsAt or duration, not both', 'duration');
      let endsAt: number;
      if (body.endsAt) endsAt = time(ctx, body.endsAt, 'endsAt');
      else if (body.duration) {
        const parsed = parseDuration(body.duration);
        if (!parsed.ok) throw new ApiError(400, `duration: ${parsed.message}`, 'duration');
        endsAt = startsAt + parsed.ms;
      } else throw new ApiError(400, 'expected endsAt (a time) or duration (like 2h)', 'endsAt');
      if (!(endsAt > startsAt)) throw new ApiError(400, `expected the silence to end after it starts, found ${new Date(endsAt).toISOString()}`, body.endsAt ? 'endsAt' : 'duration');
      if (endsAt <= now) throw new ApiError(400, `expected an end in the future, found ${new Date(endsAt).toISOString()}`, body.endsAt ? 'endsAt' : 'duration');
      const parsed = matchers(body.matchers);
      const problem = silenceMatchersProblem(parsed);
      if (problem) throw new ApiError(400, `matchers: ${problem}`, 'matchers');
      const silence = await ctx.store.silences.create({
        matchers: parsed, startsAt, endsAt, author: principal.name, comment: body.comment, createdAt: now,
      });
      await ctx.silencesChanged();
      return { silence: silenceView(silence, now) };
    },
  }),
  route({
    method: 'DELETE', path: '/silences/:id', role: 'responder', summary: 'Expire a silence now; held notifications resume',
    async handler({ ctx, params }) {
      const id = Number(params.id);
      const now = ctx.clock.now();
      if (!Number.isSafeInteger(id) || !(await ctx.store.silences.expire(id, now))) {
        throw new ApiError(404, `no current silence ${params.id} (it may have ended already)`);
      }
      await ctx.silencesChanged();
      return { silence: silenceView((await ctx.store.silences.get(id))!, now) };
    },
  }),
];
