import { localParts } from '../calendar/index.ts';
import type { HeartbeatDef } from '../config/index.ts';
import { formatDuration } from '../time/index.ts';
import type { FireInput } from '../ingest/index.ts';
import type { DownReason } from './heartbeat-state.ts';

/** Every heartbeat's alert key: one alert per heartbeat, firing while it is down. */
export function heartbeatAlertKey(id: string): string {
  return `heartbeat:${id}`;
}

/** What the responder reads first: which job, and what went wrong, in the schedule's own zone. */
export function downSummary(def: HeartbeatDef, reason: DownReason): string {
  const zone = def.schedule.kind === 'cron' ? def.schedule.timezone : 'UTC';
  const time = (at: number) => {
    const p = localParts(zone, at);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} ${zone}`;
  };
  switch (reason.kind) {
    case 'missed':
      return `${def.name}: no ping since the run expected at ${time(reason.expectedBy)} (grace ${formatDuration(def.graceMs)})`;
    case 'failed':
      return `${def.name}: the job reported a failure${reason.exitStatus === null ? '' : ` (exit status ${reason.exitStatus})`}`;
    case 'unfinished':
      return `${def.name}: started at ${time(reason.startedAt)} and did not finish within ${formatDuration(def.graceMs)}`;
  }
}

export function fireInput(def: HeartbeatDef, reason: DownReason): FireInput {
  return {
    source: 'heartbeat',
    key: heartbeatAlertKey(def.id),
    integration: def.id,
    service: def.service,
    severity: def.severity,
    summary: downSummary(def, reason),
    labels: { alertname: `heartbeat ${def.id}`, heartbeat: def.id, reason: reason.kind },
    details: {
      source: 'heartbeat', component: null, group: null, class: reason.kind, customDetails: reason,
      links: [], images: [], client: null, clientUrl: null,
      annotations: { schedule: def.schedule.kind === 'cron' ? `cron ${def.schedule.expr} (${def.schedule.timezone})` : `every ${formatDuration(def.schedule.everyMs)}`, grace: formatDuration(def.graceMs) },
      generatorUrl: null, startedAt: null,
    },
    escalation: def.escalation,
    autoResolve: true,
  };
}
