import { z } from 'zod';
import { addLocalDays, isoWeekday } from '../calendar/index.ts';
import type { LayerDef } from './config-types.ts';
import { handoff, instantText, localStart, restriction, rotation } from './schedule-fields.ts';
import { text, timezone } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/** An override as written; its times are resolved once the schedule's zone is known (config-resolve.ts). */
export interface OverrideSpec {
  user: string;
  from: string;
  to: string;
}

export interface ScheduleSpec {
  name: string | undefined;
  timezone: string | undefined;
  layers: LayerDef[];
  overrides: OverrideSpec[];
}

/**
 * A layer without `start` begins at its first handoff on or after this
 * local date: any fixed date would do, as long as it does not move with the
 * day the config is loaded (that would reshuffle who is on call).
 */
export const DEFAULT_START_DATE = { year: 2026, month: 1, day: 1 };

const layerFields = {
  rotation,
  handoff,
  start: localStart.optional(),
  /** User ids in rotation order (checked by oncall-references.ts). */
  members: z.array(text, { error: (iss) => `expected a list of user ids like [ana, ben], found ${describeValue(iss.input)}` }).min(1, { error: 'expected at least one member, found an empty list' }),
  restrictions: z.array(restriction).optional(),
};
const INLINE_KEYS = Object.keys(layerFields) as (keyof typeof layerFields)[];

type LayerInput = { rotation: LayerDef['rotation']; handoff: LayerDef['handoff']; start?: string | undefined; members: string[]; restrictions?: LayerDef['restrictions'] | undefined };

/**
 * A weekly rotation hands off on one day of the week, the others every day
 * (or every N days, or every N hours) at one time: a handoff that says
 * otherwise is a misunderstanding worth stopping for.
 */
function toLayer(name: string, layer: LayerInput, ctx: z.RefinementCtx, at: (string | number)[]): LayerDef | null {
  const { rotation, handoff } = layer;
  const time = clock(handoff.minute);
  if (rotation.unit === 'week' && handoff.weekday === null) {
    const every = rotation.count === 1 ? 'a weekly rotation' : `a ${rotation.count}-week rotation`;
    ctx.addIssue({ code: 'custom', path: [...at, 'handoff'], message: `expected a day and time like "Fri ${time}", found "${time}" with no day; ${every} hands off on one day of the week` });
    return null;
  }
  if (rotation.unit !== 'week' && handoff.weekday !== null) {
    const every = rotation.unit === 'hour' ? `${rotation.count} hours` : rotation.count === 1 ? 'day' : `${rotation.count} days`;
    ctx.addIssue({ code: 'custom', path: [...at, 'handoff'], message: `expected a time like "${time}" with no day, found a day too; this rotation hands off every ${every}, on whatever day that falls` });
    return null;
  }
  return {
    name,
    rotation: layer.rotation,
    handoff: layer.handoff,
    start: layer.start ?? defaultStart(layer.handoff),
    members: layer.members,
    restrictions: layer.restrictions ?? [],
  };
}

/** The first handoff on or after DEFAULT_START_DATE, as a local date-time string. */
export function defaultStart(at: LayerDef['handoff']): string {
  const offset = at.weekday === null ? 0 : (at.weekday - isoWeekday(DEFAULT_START_DATE) + 7) % 7;
  const date = addLocalDays(DEFAULT_START_DATE, offset);
  return `${date.year}-${two(date.month)}-${two(date.day)}T${clock(at.minute)}`;
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (minute: number) => `${two(Math.floor(minute / 60))}:${two(minute % 60)}`;

const layer = z.strictObject({ name: text.optional(), ...layerFields });

const inline = Object.fromEntries(INLINE_KEYS.map((key) => [key, layerFields[key].optional()])) as { [K in keyof typeof layerFields]: z.ZodOptional<(typeof layerFields)[K]> };

/**
 * `primary: { timezone, layers: [...], overrides: [...] }`, or one layer
 * written inline: `{ timezone, rotation: weekly, handoff: "Fri 17:00", members: [...] }`.
 */
const schedule = z
  .strictObject({
    /** Display name; the id when absent. */
    name: text.optional(),
    /** Default: the top-level timezone. */
    timezone: timezone.optional(),
    /** Lowest first: at any instant the highest layer with someone on call wins. */
    layers: z.array(layer).min(1, { error: 'expected at least one layer, found an empty list' }).optional(),
    overrides: z.array(z.strictObject({ user: text, from: instantText, to: instantText })).optional(),
    ...inline,
  })
  .transform((s, ctx): ScheduleSpec => {
    const written = INLINE_KEYS.filter((key) => s[key] !== undefined);
    const layers: LayerDef[] = [];
    if (s.layers) {
      for (const key of written) {
        ctx.addIssue({ code: 'custom', path: [key], params: { target: 'key' }, message: `"${key}" belongs in a layer when layers: is given; move it into one of the layers` });
      }
      s.layers.forEach((l, index) => {
        const made = toLayer(l.name ?? `layer ${index + 1}`, l, ctx, ['layers', index]);
        if (made) layers.push(made);
      });
    } else if (written.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected layers: or one rotation written inline (rotation, handoff, members), found neither' });
    } else {
      const missing = (['rotation', 'handoff', 'members'] as const).filter((key) => s[key] === undefined);
      for (const key of missing) ctx.addIssue({ code: 'custom', message: `missing required key "${key}" of the inline rotation` });
      if (missing.length === 0) {
        const made = toLayer('layer 1', s as LayerInput, ctx, []);
        if (made) layers.push(made);
      }
    }
    return { name: s.name, timezone: s.timezone, layers, overrides: s.overrides ?? [] };
  });

/** Who is on call when; included files may add schedules. */
export const schedulesSection = mapSection('schedule', schedule);
