import type { Logger } from 'pino';
import type { Config, HeartbeatDef } from '../config/index.ts';
import type { AlertIntake } from '../ingest/index.ts';
import type { NewHeartbeatPing, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { fireInput, heartbeatAlertKey } from './heartbeat-alert.ts';
import { applyPing, checkDue, deadline, type PingInput } from './heartbeat-decision.ts';
import { initialState, type HeartbeatState } from './heartbeat-state.ts';
import { PingBatcher } from './ping-batcher.ts';
import { pingKey } from './ping-key.ts';

export interface HeartbeatMonitorDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  intake: Pick<AlertIntake, 'fire' | 'resolve'>;
  /** The installation's ping secret (settings), from which every ping key is derived. */
  secret: string;
  /** Where people reach Opsdeck: ping URLs are built on it. */
  baseUrl: () => string;
  logger: Pick<Logger, 'error'>;
}

/** What a request carried besides its kind: kept with the ping as the run's log. */
export interface PingMeta {
  method: string;
  body: string;
  bodyBytes: number;
}

type Write = { ping: NewHeartbeatPing | null; state: HeartbeatState };

/**
 * The heartbeats as they run. State lives in memory (one map, updated in arrival order) and is
 * saved with the pings that changed it: concurrent pings share one transaction (group commit), and
 * a ping is answered only once that has committed. Status changes then raise or clear the
 * heartbeat's alert through the intake, one at a time, after the commit; a crash in between is
 * repaired at the next start, which makes every alert agree with its saved state.
 */
export class HeartbeatMonitor {
  private readonly deps: HeartbeatMonitorDeps;
  private readonly states = new Map<string, HeartbeatState>();
  private readonly writer: PingBatcher<Write>;
  private defs: { config: Config | null; byKey: Map<string, HeartbeatDef>; byId: Map<string, HeartbeatDef> } = { config: null, byKey: new Map(), byId: new Map() };
  /** Deadlines cached per state object: a tick over thousands of cron heartbeats must not walk the calendar for each. */
  private readonly due = new WeakMap<HeartbeatState, { def: HeartbeatDef; at: number | null }>();
  private alerting: Promise<void> = Promise.resolve();
  /** The save of the heartbeats a config added. */
  private saving: Promise<unknown> = Promise.resolve();

  constructor(deps: HeartbeatMonitorDeps) {
    this.deps = deps;
    this.writer = new PingBatcher((writes) => deps.store.heartbeats.record(
      writes.flatMap((w) => (w.ping ? [w.ping] : [])), writes.map((w) => w.state), deps.clock.now(),
    ));
  }

  /** Restores the saved states, starts watching heartbeats new to the store, and repairs alerts that disagree with them. */
  async start(): Promise<void> {
    for (const state of await this.deps.store.heartbeats.states()) this.states.set(state.id, state);
    this.current();
    await this.saving;
    await this.reconcile();
  }

  keyOf(id: string): string {
    return pingKey(this.deps.secret, id);
  }

  pingUrl(id: string): string {
    return `${this.deps.baseUrl()}/ping/${this.keyOf(id)}`;
  }

  definition(id: string): HeartbeatDef | undefined {
    return this.current().byId.get(id);
  }

  state(id: string): HeartbeatState | undefined {
    return this.states.get(id);
  }

  /** The next instant it goes down if nothing arrives, or null (down already, or no next run). */
  deadlineOf(def: HeartbeatDef, state: HeartbeatState): number | null {
    const cached = this.due.get(state);
    if (cached && cached.def === def) return cached.at;
    const at = deadline(def, state)?.at ?? null;
    this.due.set(state, { def, at });
    return at;
  }

  /** Records a ping; false when no heartbeat has this key. Resolves once the ping is stored. */
  async ping(key: string, input: PingInput, meta: PingMeta): Promise<boolean> {
    const def = this.current().byKey.get(key);
    if (!def) return false;
    const now = this.deps.clock.now();
    const decided = applyPing(this.stateOf(def.id, now), input, now);
    this.states.set(def.id, decided.state);
    await this.writer.add({
      state: decided.state,
      ping: { heartbeat: def.id, kind: input.kind, exitStatus: input.exitStatus, rid: input.rid, durationMs: decided.durationMs, method: meta.method, body: meta.body, bodyBytes: meta.bodyBytes, receivedAt: now },
    });
    if (decided.change) this.syncAlert(def.id);
    return true;
  }

  /** Marks down every heartbeat whose deadline has passed (the app calls this on the clock). */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    const writes: Promise<void>[] = [];
    const changed: string[] = [];
    for (const def of this.current().byId.values()) {
      const state = this.stateOf(def.id, now);
      const at = this.deadlineOf(def, state);
      if (at === null || now < at) continue;
      const decided = checkDue(def, state, now);
      if (!decided.change) continue;
      this.states.set(def.id, decided.state);
      writes.push(this.writer.add({ ping: null, state: decided.state }));
      changed.push(def.id);
    }
    await Promise.all(writes);
    for (const id of changed) this.syncAlert(id);
  }

  /** Resolves when every alert change queued so far has gone through the intake (tests). */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.alerting;
      await seen;
    } while (seen !== this.alerting);
  }

  /** Group-commit figures: pings written and the transactions they took. */
  writeStats(): { batches: number; items: number } {
    return this.writer.stats();
  }

  private stateOf(id: string, now: number): HeartbeatState {
    return this.states.get(id) ?? initialState(id, now);
  }

  /** The heartbeats of the config in use; a reload rebuilds the keys, starts watching new ones and clears removed ones' alerts. */
  private current(): typeof this.defs {
    const config = this.deps.config();
    if (this.defs.config === config) return this.defs;
    const first = this.defs.config === null;
    const byId = new Map(config.heartbeats.map((def) => [def.id, def]));
    this.defs = { config, byId, byKey: new Map(config.heartbeats.map((def) => [this.keyOf(def.id), def])) };
    const now = this.deps.clock.now();
    for (const def of config.heartbeats) {
      if (this.states.has(def.id)) continue;
      // Saved at once: a heartbeat that never pings is held to a deadline counted from here, restarts or not.
      const state = initialState(def.id, now);
      this.states.set(def.id, state);
      this.saving = this.writer.add({ ping: null, state }).catch((err) => this.deps.logger.error({ err, heartbeat: def.id }, 'heartbeats: saving a new heartbeat failed'));
    }
    if (!first) this.alerting = this.alerting.then(() => this.reconcile()).catch((err) => this.deps.logger.error({ err }, 'heartbeats: matching alerts to a reloaded config failed'));
    return this.defs;
  }

  /** Makes every heartbeat alert agree with the saved states: fired while down, resolved otherwise or once removed. */
  private async reconcile(): Promise<void> {
    const { byId } = this.current();
    const firing = await this.deps.store.externalAlerts.list({ source: 'heartbeat', status: 'firing', limit: 100_000, offset: 0 });
    const firingIds = new Set(firing.items.map((a) => a.integration));
    for (const id of firingIds) if (!byId.has(id) || this.states.get(id)?.status !== 'down') await this.syncNow(id);
    for (const [id, state] of this.states) if (byId.has(id) && state.status === 'down' && !firingIds.has(id)) await this.syncNow(id);
  }

  private syncAlert(id: string): void {
    this.alerting = this.alerting.then(() => this.syncNow(id));
  }

  private async syncNow(id: string): Promise<void> {
    try {
      const def = this.current().byId.get(id);
      const state = this.states.get(id);
      if (def && state?.status === 'down' && state.reason) await this.deps.intake.fire(fireInput(def, state.reason));
      else await this.deps.intake.resolve(heartbeatAlertKey(id));
    } catch (err) {
      this.deps.logger.error({ err, heartbeat: id }, 'heartbeats: raising or clearing the alert failed; the next start repairs it');
    }
  }
}
