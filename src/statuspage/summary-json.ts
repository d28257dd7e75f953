import { OVERALL_LABELS, STATUS_LABELS } from './component-status.ts';
import type { PageModel } from './page-model.ts';
import { isoInstant } from './time-format.ts';

/** The page for programs: what a dashboard or another status page aggregates. */
export function summaryJson(m: PageModel) {
  return {
    page: { id: m.page.id, title: m.page.title, path: m.page.path },
    updatedAt: isoInstant(m.now),
    status: { indicator: m.overall, description: OVERALL_LABELS[m.overall] },
    components: m.groups.flatMap((g) => g.components.map((c) => ({
      id: c.id, name: c.name, group: g.name, status: c.status, description: STATUS_LABELS[c.status],
      uptime90d: c.uptime?.percent ?? null,
    }))),
    activeIncidents: m.active.map((i) => ({
      id: i.id, title: i.title, status: i.status, openedAt: isoInstant(i.openedAt), components: i.components,
      url: `${m.page.path}/incidents/${i.id}`,
      updates: i.updates.map((u) => ({ at: isoInstant(u.at), status: u.status, message: u.message })),
    })),
    maintenance: m.maintenance.map((w) => ({
      title: w.title, message: w.message, start: isoInstant(w.start), end: isoInstant(w.end), active: w.active, components: w.components,
    })),
  };
}
