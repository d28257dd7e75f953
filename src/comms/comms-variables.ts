import type { Incident } from '../incidents/index.ts';
import { formatDuration } from '../time/index.ts';

/** What a communication template may say about an incident, gathered once per rendering. */
export interface CommsContext {
  organization: string;
  incident: Incident;
  /** The severity's display name ("Critical"); its id when the config no longer has it. */
  severityName: string;
  /** Names of the status-page components the incident concerns. */
  components: string[];
  /** Link to the incident in the console. */
  incidentUrl: string;
  /** The severity's update_every, or null: then `next_update` is empty. */
  updateEveryMs: number | null;
  now: number;
}

/** "2026-03-29 14:05 UTC": what a customer reads; seconds and milliseconds are noise in an update. */
export function formatUtcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The names a communication template (config `templates:`) may use. Text outside `{{ }}` is kept
 * as written: the shipped templates keep the procedures' `[brief description]` blanks for the
 * responder to fill before posting.
 */
const VARIABLES: Record<string, (c: CommsContext) => string> = {
  organization: (c) => c.organization,
  'incident.id': (c) => String(c.incident.id),
  'incident.title': (c) => c.incident.title,
  'incident.severity': (c) => c.incident.severity,
  'incident.severity_name': (c) => c.severityName,
  'incident.status': (c) => c.incident.status,
  'incident.service': (c) => c.incident.service ?? '',
  'incident.components': (c) => c.components.join(', '),
  'incident.opened_at': (c) => formatUtcMinute(c.incident.openedAt),
  'incident.duration': (c) => formatDuration(Math.max(0, (c.incident.resolvedAt ?? c.now) - c.incident.openedAt)),
  'incident.url': (c) => c.incidentUrl,
  now: (c) => formatUtcMinute(c.now),
  next_update: (c) => (c.updateEveryMs === null ? '' : formatUtcMinute(c.now + c.updateEveryMs)),
};

export const COMMS_VARIABLES: readonly string[] = Object.keys(VARIABLES);

export function isCommsVariable(name: string): boolean {
  return Object.hasOwn(VARIABLES, name);
}

export function commsValue(name: string, context: CommsContext): string {
  const read = VARIABLES[name];
  if (read === undefined) throw new Error(`unknown template variable ${name}; expected one of ${COMMS_VARIABLES.join(', ')}`);
  return read(context);
}
