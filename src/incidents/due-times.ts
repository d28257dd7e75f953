import type { Incident } from './incident.ts';

export interface SeverityTargets {
  respondWithinMs: number | null;
  resolveWithinMs: number | null;
}

export function dueTimes(targets: SeverityTargets | undefined, openedAt: number): Pick<Incident, 'respondBy' | 'resolveBy'> {
  return {
    respondBy: targets?.respondWithinMs != null ? openedAt + targets.respondWithinMs : null,
    resolveBy: targets?.resolveWithinMs != null ? openedAt + targets.resolveWithinMs : null,
  };
}

export interface Breach {
  target: 'respond' | 'resolve';
  dueAt: number;
}

/** Targets that have passed unmet and are not yet recorded; a pure function of (incident, now). */
export function breachesDue(incident: Incident, now: number): Breach[] {
  const found: Breach[] = [];
  const respondedAt = incident.acknowledgedAt ?? incident.resolvedAt;
  if (incident.respondBy !== null && incident.respondBreachedAt === null && (respondedAt ?? now) > incident.respondBy && now > incident.respondBy) {
    found.push({ target: 'respond', dueAt: incident.respondBy });
  }
  if (incident.resolveBy !== null && incident.resolveBreachedAt === null && (incident.resolvedAt ?? now) > incident.resolveBy && now > incident.resolveBy) {
    found.push({ target: 'resolve', dueAt: incident.resolveBy });
  }
  return found;
}
