import { z } from 'zod';
import type { MaintenanceDef } from './config-types.ts';
import { cron, every, startText, untilTime } from './maintenance-fields.ts';
import { duration, text, timezone } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/** A window as written: `start` and the scope's defaults are resolved with the rest of the config (status-resolve.ts). */
export interface MaintenanceSpec {
  title: string | undefined;
  timezone: string | undefined;
  schedule: Exclude<MaintenanceDef['schedule'], { kind: 'once' }> | { kind: 'once'; start: string };
  duration: MaintenanceDef['duration'];
  services: string[] | undefined;
  components: string[] | undefined;
  noticeMs: number;
  message: string | undefined;
  checklist: string | undefined;
}

const ids = (what: string) =>
  z.array(text, { error: (iss) => `expected a list of ${what} ids like [api], found ${describeValue(iss.input)}` }).min(1, {
    error: `expected at least one ${what}, found an empty list; leave ${what}s out to use the default`,
  });

const STARTS = ['every', 'cron', 'start'] as const;

/**
 * `{ every: "Sat 02:00", lasts: 4h, services: [api], notice: 7d }`. Exactly
 * one way to start and one way to end: two would leave it to the reader to
 * guess which wins.
 */
const window = z
  .strictObject({
    /** Default: the id. */
    title: text.min(1, { error: 'expected a title, found an empty string' }).optional(),
    every: every.optional(),
    cron: cron.optional(),
    start: startText.optional(),
    /** Elapsed time: a 02:00 start on a DST night still lasts 4 hours. */
    lasts: duration(60_000).optional(),
    until: untilTime.optional(),
    /** Default: the top-level timezone. */
    timezone: timezone.optional(),
    /** Default: the services of `components`. */
    services: ids('service').optional(),
    /** Default: every component containing one of `services`. */
    components: ids('component').optional(),
    /** How long before each start it is announced; 0m: when it starts. */
    notice: duration().prefault('0m'),
    message: text.optional(),
    /** A routine id (routines arrive with issue 4): kept as written, not checked yet. */
    checklist: text.min(1, { error: 'expected a routine id, found an empty string' }).optional(),
  })
  .transform((w, ctx): MaintenanceSpec => {
    const starts = STARTS.filter((key) => w[key] !== undefined);
    if (starts.length === 0) ctx.addIssue({ code: 'custom', message: 'expected one of every: "Sat 02:00", cron: "0 2 * * 6" or start: "2026-12-24T02:00", found none; a window needs a start' });
    for (const key of starts.slice(1)) {
      ctx.addIssue({ code: 'custom', path: [key], params: { target: 'key' }, message: `"${key}" and "${starts[0]}" both set when the window starts; keep one` });
    }
    if (w.lasts === undefined && w.until === undefined) ctx.addIssue({ code: 'custom', message: 'expected lasts: 4h (elapsed) or until: "06:00" (wall clock), found neither; a window needs an end' });
    if (w.lasts !== undefined && w.until !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['until'], params: { target: 'key' }, message: '"until" and "lasts" both set; keep one: lasts is elapsed time, until a wall-clock time' });
    }
    if (w.services === undefined && w.components === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected services: or components: (or both), found neither; a window needs a scope' });
    }
    const schedule = w.every ?? w.cron ?? (w.start === undefined ? null : { kind: 'once' as const, start: w.start });
    if (!schedule || (w.lasts === undefined && w.until === undefined)) return z.NEVER;
    return {
      title: w.title,
      timezone: w.timezone,
      schedule,
      duration: w.lasts !== undefined ? { lastsMs: w.lasts } : { untilMinute: w.until! },
      services: w.services,
      components: w.components,
      noticeMs: w.notice,
      message: w.message,
      checklist: w.checklist,
    };
  });

/** Declared maintenance; included files may add windows. */
export const maintenanceSection = mapSection('maintenance window', window);
