import type { CheckStateChange } from '../checks/index.ts';
import type { Config, StatusPageDef } from '../config/index.ts';
import type { Incident } from '../incidents/index.ts';
import { maintenanceIntervals, type Occurrence } from '../maintenance/index.ts';
import { availabilityReport, localDays, scopeDowntime } from '../reports/index.ts';
import type { Store, StatusUpdate } from '../store/index.ts';
import { HISTORY_MS, type PageSnapshot } from './page-model.ts';
import { uptimeDays, type ComponentUptime } from './uptime-days.ts';

/** What the pages read; every part is a read model the app has anyway. */
export interface PageSources {
  config(): Config;
  store: Pick<Store, 'incidents' | 'statusUpdates' | 'results'>;
  checks: { get(checkId: string): { ok: boolean | null; last: { at: number } | null } | undefined };
  alerts: { state(ruleId: string): { state: string } };
  /** Occurrences overlapping [from, to), changes applied; absent: no maintenance is shown. */
  maintenance?: { occurrences(from: number, to: number): Promise<Occurrence[]> };
}

const DAY = 86_400_000;
/** Resolved incidents read for the history; a page with more in 90 days shows the newest. */
const HISTORY_LIMIT = 200;
const UPDATES_LIMIT = 5_000;
/** As in the reports: state changes only happen on transitions, so this covers years of a flapping check. */
const STATE_CHANGES_PER_CHECK = 100_000;
/** Upcoming maintenance is read this far ahead at least (a window shows from its notice time on). */
const AHEAD_MS = 31 * DAY;

/** The oldest evidence of each check having run; once found it never moves later, so it is kept. */
export type MonitoredSince = Map<string, number>;

async function firstEvidence(sources: PageSources, known: MonitoredSince, checkId: string, changes: readonly CheckStateChange[], from: number, to: number): Promise<number | null> {
  const cached = known.get(checkId);
  if (cached !== undefined) return cached;
  const oldestChange = changes.at(-1)?.at ?? Infinity;
  const hours = await sources.store.results.rollups(checkId, 'hour', from, to);
  const rolled = hours[0]?.start ?? (await sources.store.results.rollups(checkId, 'minute', from, to))[0]?.start ?? Infinity;
  const found = Math.min(oldestChange, rolled);
  if (found !== Infinity) {
    known.set(checkId, found);
    return found;
  }
  // Only raw results so far (a new install): the live state shows it has run by now at least.
  return sources.checks.get(checkId)?.last?.at ?? null;
}

async function uptimeOf(sources: PageSources, known: MonitoredSince, config: Config, page: StatusPageDef, occurrences: readonly Occurrence[], now: number): Promise<Map<string, ComponentUptime>> {
  const zone = config.timezone;
  // Ninety whole local days ending today: the first day of a longer span starts at a midnight.
  const from = localDays(zone, now - HISTORY_MS - DAY, now + 1).slice(-90)[0]!.start;
  const changes = new Map<string, CheckStateChange[]>();
  const since = new Map<string, number | null>();
  const out = new Map<string, ComponentUptime>();
  for (const component of page.groups.flatMap((g) => g.components)) {
    const checks = config.services.filter((s) => component.services.includes(s.id)).flatMap((s) => s.checks.map((c) => c.id));
    if (checks.length === 0) continue;
    for (const check of checks) {
      if (changes.has(check)) continue;
      const all = await sources.store.results.stateChanges(check, STATE_CHANGES_PER_CHECK);
      changes.set(check, all.filter((c) => c.at <= now));
      since.set(check, await firstEvidence(sources, known, check, all, from, now));
    }
    const evidence = checks.map((c) => since.get(c)).filter((t) => t !== null && t !== undefined);
    const report = availabilityReport({
      from, to: now, zone,
      downtime: scopeDowntime(new Map(checks.map((c) => [c, changes.get(c)!])), from, now),
      maintenance: maintenanceIntervals(occurrences, { components: [component.id] }, from, now),
    });
    out.set(component.id, uptimeDays(report, evidence.length ? Math.min(...evidence) : null));
  }
  return out;
}

/** Reads what one page shows at `now`. */
export async function readSnapshot(sources: PageSources, known: MonitoredSince, page: StatusPageDef, now: number): Promise<PageSnapshot> {
  const config = sources.config();
  const open = await sources.store.incidents.unresolved();
  const resolved = (await sources.store.incidents.list({ status: 'resolved', limit: HISTORY_LIMIT, offset: 0 })).items
    .filter((i) => i.resolvedAt !== null && i.resolvedAt > now - HISTORY_MS);
  const incidents: Incident[] = [...open, ...resolved];
  const ids = new Set(incidents.map((i) => i.id));
  const updates = new Map<number, StatusUpdate[]>();
  // Newest first from the store; kept oldest first here, as forIncident gives them.
  for (const u of (await sources.store.statusUpdates.publicBetween(now - HISTORY_MS, now + 1, UPDATES_LIMIT)).reverse()) {
    if (!ids.has(u.incidentId)) continue;
    updates.set(u.incidentId, [...(updates.get(u.incidentId) ?? []), u]);
  }
  // An open incident's updates from before the history still belong to it.
  for (const i of open) if (i.openedAt <= now - HISTORY_MS) updates.set(i.id, (await sources.store.statusUpdates.forIncident(i.id)).filter((u) => u.visibility === 'public'));
  const maxNotice = Math.max(0, ...config.maintenance.map((m) => m.noticeMs));
  const occurrences = (await sources.maintenance?.occurrences(now - HISTORY_MS, now + Math.max(AHEAD_MS, maxNotice + 1))) ?? [];
  return {
    now, config, page, incidents, updates, occurrences,
    checkOk: (id) => sources.checks.get(id)?.ok ?? null,
    alertFiring: (id) => sources.alerts.state(id).state === 'firing',
    uptime: await uptimeOf(sources, known, config, page, occurrences, now),
  };
}
