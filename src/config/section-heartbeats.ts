import { z } from 'zod';
import type { HeartbeatDef } from './config-types.ts';
import { cron } from './maintenance-fields.ts';
import { duration, id, text, timezone } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';

/** A heartbeat as written: the severity default and the zone default are filled with the rest of the config. */
export interface HeartbeatSpec {
  name: string | undefined;
  service: string | undefined;
  schedule: { kind: 'period'; everyMs: number } | { kind: 'cron'; expr: string; cron: HeartbeatCron; timezone: string | undefined };
  graceMs: number;
  severity: string | undefined;
  escalation: string | undefined;
}

type HeartbeatCron = Extract<HeartbeatDef['schedule'], { kind: 'cron' }>['cron'];

/**
 * `{ cron: "0 2 * * *", grace: 1h, severity: P2 }` or `{ period: 1h, grace: 5m }`. Exactly one
 * schedule: with two, which one a late ping is measured against would be a guess.
 */
const heartbeat = z
  .strictObject({
    name: text.min(1, { error: 'expected a name, found an empty string' }).optional(),
    service: id.optional(),
    /** A ping is due this long after the last success. Below a minute is a check, not a heartbeat. */
    period: duration(60_000).optional(),
    cron: cron.optional(),
    /** For cron only; default: the top-level timezone. */
    timezone: timezone.optional(),
    /** healthchecks.io's default: an hour late before anyone is woken. */
    grace: duration(1000).prefault('1h'),
    severity: text.optional(),
    escalation: text.optional(),
  })
  .transform((h, ctx): HeartbeatSpec => {
    if (h.period === undefined && h.cron === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected period: 1h (a ping at most this long after the last one) or cron: "0 2 * * *" (a ping after each run), found neither' });
    }
    if (h.period !== undefined && h.cron !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['cron'], params: { target: 'key' }, message: '"cron" and "period" both set; keep one: period measures from the last ping, cron from each expected run' });
    }
    if (h.period !== undefined && h.timezone !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['timezone'], params: { target: 'key' }, message: 'timezone applies to cron schedules only; a period is elapsed time, the same in every zone' });
    }
    const schedule: HeartbeatSpec['schedule'] | null = h.cron !== undefined
      ? { kind: 'cron', expr: h.cron.expr, cron: h.cron.cron, timezone: h.timezone }
      : h.period !== undefined ? { kind: 'period', everyMs: h.period } : null;
    if (!schedule || (h.period !== undefined && h.cron !== undefined)) return z.NEVER;
    return { name: h.name, service: h.service, schedule, graceMs: h.grace, severity: h.severity, escalation: h.escalation };
  });

/** Heartbeats by id; included files may add them. */
export const heartbeatsSection = mapSection('heartbeat', heartbeat);
