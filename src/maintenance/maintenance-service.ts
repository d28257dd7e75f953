import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.ts';
import type { Muter } from '../pipeline/index.ts';
import type { MaintenanceStore } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { applyChanges } from './change-replay.ts';
import { maintenanceMuter } from './maintenance-muter.ts';
import { MaintenanceChangeError } from './maintenance-change-error.ts';
import { activeWindows, maintenanceIntervals, occurrenceState, underMaintenance, type Scope } from './occurrence-queries.ts';
import type { CreatedWindowSpec, Occurrence } from './occurrence-types.ts';
import { longestSpan } from './scheduled-occurrences.ts';

const HOUR = 3_600_000;
/**
 * The muter's cache reaches this far ahead of its last refresh: refreshed every few seconds, it
 * always holds a window that starts before the next refresh, so its first alert is muted.
 */
const CACHE_AHEAD_MS = HOUR;
/** One-off windows may be made up to a year ahead; the announcer looks that far for theirs. */
export const CREATE_HORIZON_MS = 366 * 24 * HOUR;

export interface MaintenanceServiceDeps {
  store: { maintenance: MaintenanceStore };
  clock: Clock;
  config: () => Config;
  /** After a change (created, ended, extended): held escalations are checked again at once. */
  onChange?: () => Promise<void>;
}

/** Maintenance windows as they really run: the config's schedules joined with the changes people made. */
export class MaintenanceService {
  readonly #deps: MaintenanceServiceDeps;
  #cache: Occurrence[] = [];
  #refreshes = 0;
  #applied = 0;

  constructor(deps: MaintenanceServiceDeps) {
    this.#deps = deps;
  }

  /** Occurrences overlapping [from, to), changes applied, sorted by start. */
  async occurrences(from: number, to: number): Promise<Occurrence[]> {
    const defs = this.#deps.config().maintenance;
    // An occurrence that began up to its longest span before `from` may still run; the store
    // must return its changes too (ended early before `from`, it no longer does).
    const back = Math.max(0, ...defs.map(longestSpan));
    const changes = await this.#deps.store.maintenance.changesBetween(from - back, to);
    return applyChanges(defs, changes, from, to);
  }

  async occurrence(window: string, start: number): Promise<Occurrence | null> {
    return (await this.occurrences(start, start + 1)).find((o) => o.window === window && o.start === start) ?? null;
  }

  /** Reloads what the muter and `active` answer from: the running windows and the next hour's. */
  async refresh(): Promise<void> {
    // A slow refresh that began before a change must not land after the change's own refresh and
    // bring the old windows back: only a refresh newer than the one applied last is applied.
    const ticket = ++this.#refreshes;
    const now = this.#deps.clock.now();
    const next = await this.occurrences(now, now + CACHE_AHEAD_MS);
    if (ticket < this.#applied) return;
    this.#applied = ticket;
    this.#cache = next;
  }

  /** The pipeline's muter over the cache (synchronous, as the pipeline asks per alert). */
  muter(): Muter {
    return maintenanceMuter(this.#cache);
  }

  /** Running now, from the cache. */
  active(now = this.#deps.clock.now()): Occurrence[] {
    return activeWindows(this.#cache, now);
  }

  async upcoming(now: number, horizonMs: number): Promise<Occurrence[]> {
    return (await this.occurrences(now, now + horizonMs + 1)).filter((o) => occurrenceState(o, now) === 'upcoming');
  }

  /** The window a service or component is under at `at`, or null. */
  async underMaintenance(scope: Scope, at: number): Promise<Occurrence | null> {
    return underMaintenance(await this.occurrences(at, at + 1), scope, at);
  }

  /** Maintenance as it really ran for a scope within [from, to): the reports' MaintenanceIntervals. */
  readonly intervals = async (scope: Scope, from: number, to: number) =>
    maintenanceIntervals(await this.occurrences(from, to), scope, from, to);

  /** Occurrences whose notice time has come and which have not ended: what the announcer announces. */
  async dueForNotice(now: number): Promise<Occurrence[]> {
    const defs = this.#deps.config().maintenance;
    const ahead = Math.max(0, ...defs.map((d) => d.noticeMs)) + 1;
    const near = await this.occurrences(now, now + ahead);
    // A window made through the API may be announced months before it starts.
    const created = (await this.#deps.store.maintenance.changesBetween(now, now + CREATE_HORIZON_MS)).filter((c) => c.window.startsWith('api:'));
    const seen = new Set(near.map((o) => `${o.window}@${o.start}`));
    const far = applyChanges([], created, now, now + CREATE_HORIZON_MS).filter((o) => !seen.has(`${o.window}@${o.start}`));
    return [...near, ...far].filter((o) => o.noticeAt <= now && o.end > now);
  }

  /** A one-off window; announced at once unless `noticeMs` says how long before its start. */
  async create(spec: Omit<CreatedWindowSpec, 'noticeMs'> & { start: number; end: number; noticeMs?: number }, by: string): Promise<Occurrence> {
    const now = this.#deps.clock.now();
    if (!(spec.end > spec.start)) throw new MaintenanceChangeError('invalid', `expected the window to end after it starts (${iso(spec.start)}), found ${iso(spec.end)}`, 'end');
    if (spec.end <= now) throw new MaintenanceChangeError('invalid', `expected an end in the future, found ${iso(spec.end)} (now is ${iso(now)})`, 'end');
    if (spec.start > now + CREATE_HORIZON_MS) throw new MaintenanceChangeError('invalid', `expected a start within a year, found ${iso(spec.start)}`, 'start');
    const window = `api:${randomBytes(5).toString('hex')}`;
    const stored: CreatedWindowSpec = {
      title: spec.title, timezone: spec.timezone, services: spec.services, components: spec.components, message: spec.message,
      noticeMs: spec.noticeMs ?? Math.max(0, spec.start - now),
    };
    await this.#deps.store.maintenance.addChange({ window, occurrenceStart: spec.start, kind: 'create', endsAt: spec.end, spec: stored, by, at: now });
    return this.#changed(window, spec.start);
  }

  /** Ends a running occurrence now; its held alerts notify again. */
  async endEarly(window: string, start: number, by: string): Promise<Occurrence> {
    const now = this.#deps.clock.now();
    const o = await this.#find(window, start);
    const state = occurrenceState(o, now);
    if (state !== 'active') throw new MaintenanceChangeError('conflict', `expected a running window to end, found it ${state} (${iso(o.start)} to ${iso(o.end)})`);
    await this.#deps.store.maintenance.addChange({ window, occurrenceStart: start, kind: 'end-early', endsAt: now, spec: null, by, at: now });
    return this.#changed(window, start, { ...o, end: now, changed: { kind: 'end-early', by, at: now } });
  }

  /** Moves the end of a running or upcoming occurrence later. */
  async extend(window: string, start: number, to: (currentEnd: number) => number, by: string): Promise<Occurrence> {
    const now = this.#deps.clock.now();
    const o = await this.#find(window, start);
    if (occurrenceState(o, now) === 'ended') throw new MaintenanceChangeError('conflict', `expected a running or upcoming window to extend, found it ended at ${iso(o.end)}`);
    const end = to(o.end);
    if (!(end > o.end)) throw new MaintenanceChangeError('invalid', `expected an end later than the current one (${iso(o.end)}), found ${iso(end)}; to end it sooner, end it now`, 'until');
    await this.#deps.store.maintenance.addChange({ window, occurrenceStart: start, kind: 'extend', endsAt: end, spec: null, by, at: now });
    return this.#changed(window, start);
  }

  async #find(window: string, start: number): Promise<Occurrence> {
    const o = await this.occurrence(window, start);
    if (!o) throw new MaintenanceChangeError('not-found', `no occurrence of maintenance window "${window}" starting at ${iso(start)}`);
    return o;
  }

  /** The occurrence after a change; `fallback` when it no longer exists (ended at the instant it began). */
  async #changed(window: string, start: number, fallback?: Occurrence): Promise<Occurrence> {
    await this.refresh();
    await this.#deps.onChange?.();
    const o = (await this.occurrence(window, start)) ?? fallback;
    if (!o) throw new Error(`maintenance window "${window}" at ${iso(start)} vanished right after it was changed`);
    return o;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
