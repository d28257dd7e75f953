import type { ComponentDef, Config, StatusPageDef } from '../config/index.ts';
import type { Incident } from '../incidents/index.ts';
import { announcedOrActive, covers, underMaintenance, type Occurrence } from '../maintenance/index.ts';
import type { StatusUpdate } from '../store/index.ts';
import { componentStatus, overallStatus, type ComponentStatus } from './component-status.ts';
import type { ComponentUptime } from './uptime-days.ts';

export const HISTORY_MS = 90 * 86_400_000;

/** Everything a page is rendered from, read at one instant. */
export interface PageSnapshot {
  now: number;
  config: Config;
  page: StatusPageDef;
  /** A check's live state: true passing, false failing, null no result yet. */
  checkOk(checkId: string): boolean | null;
  alertFiring(ruleId: string): boolean;
  /** Open incidents and those resolved within the history. */
  incidents: readonly Incident[];
  /** Public updates by incident, oldest first. */
  updates: ReadonlyMap<number, readonly StatusUpdate[]>;
  /** Maintenance occurrences around now (running, announced, or recently ended). */
  occurrences: readonly Occurrence[];
  /** Per component; absent when it has no checks. */
  uptime: ReadonlyMap<string, ComponentUptime>;
}

export interface ComponentView {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  uptime: ComponentUptime | null;
}

export interface IncidentView {
  id: number;
  title: string;
  severity: string;
  status: string;
  openedAt: number;
  resolvedAt: number | null;
  /** Names of this page's components it affects. */
  components: string[];
  /** Public updates, newest first. */
  updates: readonly StatusUpdate[];
}

export interface MaintenanceView {
  /** The window's id and start: the occurrence's identity. */
  window: string;
  noticeAt: number;
  title: string;
  message: string | null;
  start: number;
  end: number;
  active: boolean;
  components: string[];
}

export interface PageModel {
  page: StatusPageDef;
  organization: string;
  zone: string;
  now: number;
  overall: ComponentStatus;
  groups: { name: string | null; components: ComponentView[] }[];
  active: IncidentView[];
  maintenance: MaintenanceView[];
  /** Resolved within the history, newest first. */
  history: IncidentView[];
  /** The next instant the page changes by time alone (a window announced, starting or ending). */
  nextChangeAt: number | null;
}

function allComponents(config: Config): ComponentDef[] {
  return config.statusPages.flatMap((p) => p.groups.flatMap((g) => g.components));
}

/**
 * The components an incident concerns: those holding its service and those its public updates
 * name. An incident that resolves to none (no service, updates naming nothing) is a general
 * announcement, and every page shows it.
 */
export function incidentComponents(config: Config, incident: Incident, updates: readonly StatusUpdate[]): Set<string> | 'all' {
  const ids = new Set<string>();
  for (const c of allComponents(config)) if (incident.service !== null && c.services.includes(incident.service)) ids.add(c.id);
  for (const u of updates) for (const id of u.components) ids.add(id);
  return ids.size === 0 && updates.length > 0 ? 'all' : ids;
}

/** Whether a page shows an incident: it affected one of the page's components, or is a general announcement. */
export function pageShows(snapshot: Pick<PageSnapshot, 'config' | 'page' | 'updates'>, incident: Incident): boolean {
  const concerned = incidentComponents(snapshot.config, incident, snapshot.updates.get(incident.id) ?? []);
  if (concerned === 'all') return true;
  return snapshot.page.groups.some((g) => g.components.some((c) => concerned.has(c.id)));
}

export function incidentView(snapshot: Pick<PageSnapshot, 'config' | 'page' | 'updates'>, incident: Incident): IncidentView {
  const updates = snapshot.updates.get(incident.id) ?? [];
  const concerned = incidentComponents(snapshot.config, incident, updates);
  const names = snapshot.page.groups.flatMap((g) => g.components).filter((c) => concerned === 'all' || concerned.has(c.id)).map((c) => c.name);
  return {
    id: incident.id, title: incident.title, severity: incident.severity,
    status: updates.at(-1)?.status ?? incident.status, openedAt: incident.openedAt, resolvedAt: incident.resolvedAt,
    components: concerned === 'all' ? [] : names, updates: [...updates].reverse(),
  };
}

function componentView(s: PageSnapshot, c: ComponentDef, rank: (severity: string) => number): ComponentView {
  const services = s.config.services.filter((svc) => c.services.includes(svc.id));
  const checks = services.flatMap((svc) => svc.checks.map((check) => s.checkOk(check.id))).filter((ok) => ok !== null);
  const open = s.incidents.filter((i) => i.resolvedAt === null).filter((i) => {
    const concerned = incidentComponents(s.config, i, s.updates.get(i.id) ?? []);
    return concerned !== 'all' && concerned.has(c.id);
  });
  const status = componentStatus({
    checksKnown: checks.length,
    checksFailing: checks.filter((ok) => !ok).length,
    firingAlertRanks: services.flatMap((svc) => svc.alerts).filter((rule) => s.alertFiring(rule.id)).map((rule) => rank(rule.severity)),
    openIncidentRanks: open.map((i) => rank(i.severity)),
    inMaintenance: underMaintenance(s.occurrences, { components: [c.id] }, s.now) !== null,
  });
  return { id: c.id, name: c.name, description: c.description, status, uptime: s.uptime.get(c.id) ?? null };
}

/** The page as it reads at `snapshot.now`: pure, so every status on it is decided in one place. */
export function pageModel(s: PageSnapshot): PageModel {
  const rank = (severity: string) => s.config.severities.findIndex((sev) => sev.id === severity);
  const groups = s.page.groups.map((g) => ({ name: g.name, components: g.components.map((c) => componentView(s, c, rank)) }));
  const shown = s.incidents.filter((i) => pageShows(s, i));
  const pageComponents = s.page.groups.flatMap((g) => g.components);
  const maintenance = announcedOrActive(s.occurrences, s.now)
    .filter((o) => covers(o, { components: pageComponents.map((c) => c.id), services: pageComponents.flatMap((c) => c.services) }))
    .sort((a, b) => a.start - b.start)
    .map((o): MaintenanceView => ({
      window: o.window, noticeAt: o.noticeAt, title: o.title, message: o.message, start: o.start, end: o.end, active: o.start <= s.now,
      components: pageComponents.filter((c) => o.components.includes(c.id)).map((c) => c.name),
    }));
  const future = s.occurrences.flatMap((o) => [o.noticeAt, o.start, o.end]).filter((t) => t > s.now);
  return {
    page: s.page, organization: s.config.organization, zone: s.config.timezone, now: s.now,
    overall: overallStatus(groups.flatMap((g) => g.components.map((c) => c.status))),
    groups,
    active: shown.filter((i) => i.resolvedAt === null).sort((a, b) => b.openedAt - a.openedAt).map((i) => incidentView(s, i)),
    maintenance,
    history: shown.filter((i) => i.resolvedAt !== null && i.resolvedAt > s.now - HISTORY_MS)
      .sort((a, b) => b.resolvedAt! - a.resolvedAt!).map((i) => incidentView(s, i)),
    nextChangeAt: future.length ? Math.min(...future) : null,
  };
}
