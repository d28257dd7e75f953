import type { HeartbeatDef } from './config-types.ts';
import type { ParsedRoot } from './root-schema.ts';

/**
 * Heartbeats with their defaults filled: the id as name, a service named after the heartbeat when
 * it names none (its incidents still say which job went quiet), the config's zone for cron, and
 * the least urgent severity: a missed ping is rarely the most urgent thing in a config.
 */
export function resolveHeartbeats(root: ParsedRoot, zone: string): HeartbeatDef[] {
  const severityIds = Object.keys(root.severities ?? {});
  return Object.entries(root.heartbeats ?? {}).map(([id, h]) => ({
    id,
    name: h.name ?? id,
    service: h.service ?? id,
    schedule: h.schedule.kind === 'cron' ? { ...h.schedule, timezone: h.schedule.timezone ?? zone } : h.schedule,
    graceMs: h.graceMs,
    severity: h.severity ?? severityIds.at(-1)!,
    escalation: h.escalation ?? null,
  }));
}
