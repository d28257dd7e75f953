import type { Config, ServiceDef } from '../../config/index.ts';
import type { CheckStateBook } from '../../monitor/index.ts';

export type ServiceStatus = 'up' | 'down' | 'unknown';

export interface CheckView {
  id: string;
  name: string;
  type: string;
  ok: boolean | null;
  since: number | null;
  lastAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  conditions: { text: string; ok: boolean }[];
}

export interface ServiceView {
  id: string;
  name: string;
  component: string | null;
  status: ServiceStatus;
  checks: CheckView[];
  openIncidents: number;
}

const RANK: Record<ServiceStatus, number> = { down: 0, unknown: 1, up: 2 };

/** One service's view: its config joined with the live state of its checks. */
export function serviceView(service: ServiceDef, book: CheckStateBook, openIncidents: number): ServiceView {
  const checks = service.checks.map((check): CheckView => {
    const state = book.get(check.id);
    const last = state?.last ?? null;
    return {
      id: check.id, name: check.name, type: check.type, ok: state?.ok ?? null, since: state?.since ?? null,
      lastAt: last?.at ?? null, lastDurationMs: last?.durationMs ?? null, lastError: last?.error ?? null,
      conditions: last?.conditions ?? [],
    };
  });
  const status: ServiceStatus = checks.some((c) => c.ok === false)
    ? 'down'
    : checks.length === 0 || checks.some((c) => c.ok === null) ? 'unknown' : 'up';
  return { id: service.id, name: service.name, component: service.component, status, checks, openIncidents };
}

/** The services read model, down first, then by name (a plain comparison: localeCompare is slow at thousands). */
export function serviceViews(config: Config, book: CheckStateBook, openByService: ReadonlyMap<string, number>): ServiceView[] {
  const views = config.services.map((service) => serviceView(service, book, openByService.get(service.id) ?? 0));
  return views.sort((a, b) => RANK[a.status] - RANK[b.status] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function matchesSearch(view: ServiceView, q: string | undefined): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [view.id, view.name, view.component ?? ''].some((s) => s.toLowerCase().includes(needle));
}
