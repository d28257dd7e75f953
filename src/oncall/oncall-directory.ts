import { capabilityKey } from '../auth/index.ts';
import type { Config, OverrideDef, ScheduleDef, UserDef } from '../config/index.ts';
import type { OverrideRecord, Store } from '../store/index.ts';

/** An override as people see it: from the config (no id) or made through the API/CLI/console. */
export interface OverrideView {
  id: number | null;
  schedule: string;
  user: string;
  from: number;
  to: number;
  origin: 'config' | 'api';
  createdBy: string | null;
}

export class OverrideError extends Error {
  readonly field: string;
  readonly status: 400 | 404;
  constructor(status: 400 | 404, message: string, field: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export interface OnCallDirectoryDeps {
  config: () => Config;
  store: Pick<Store, 'overrides'>;
}

/**
 * The schedules of the running config joined with the overrides people made at run time (kept in
 * the store). The decisions themselves are the pure functions of this folder; this only gathers
 * their inputs, so `oncall --at` and the preview read the very same overrides.
 */
export class OnCallDirectory {
  private readonly deps: OnCallDirectoryDeps;

  constructor(deps: OnCallDirectoryDeps) {
    this.deps = deps;
  }

  allSchedules(): ScheduleDef[] {
    return this.deps.config().schedules;
  }

  allUsers(): UserDef[] {
    return this.deps.config().users;
  }

  schedule(id: string): ScheduleDef | undefined {
    return this.deps.config().schedules.find((s) => s.id === id);
  }

  user(id: string): UserDef | undefined {
    return this.deps.config().users.find((u) => u.id === id);
  }

  /** Every override of the schedule that overlaps [from, to): config ones and run-time ones, by start. */
  async overrides(schedule: ScheduleDef, from: number, to: number): Promise<OverrideView[]> {
    const fromConfig: OverrideView[] = schedule.overrides
      .filter((o) => o.from < to && o.to > from)
      .map((o) => ({ id: null, schedule: schedule.id, user: o.user, from: o.from, to: o.to, origin: 'config', createdBy: null }));
    const made = (await this.deps.store.overrides.between(schedule.id, from, to)).map(recordView);
    return [...fromConfig, ...made].sort((a, b) => a.from - b.from);
  }

  /** Run-time overrides in the shape the pure functions take (config ones are already in the schedule). */
  async extraOverrides(schedule: ScheduleDef, from: number, to: number): Promise<OverrideDef[]> {
    return (await this.deps.store.overrides.between(schedule.id, from, to)).map((o) => ({ user: o.user, from: o.from, to: o.to }));
  }

  /** Checks what the config loader checks for config overrides: a known user, from < to, no overlap. */
  async addOverride(scheduleId: string, input: { user: string; from: number; to: number }, createdBy: string, now: number): Promise<OverrideView> {
    const schedule = this.schedule(scheduleId);
    if (!schedule) throw new OverrideError(404, `no schedule "${scheduleId}"; schedules: ${this.scheduleIds()}`, 'schedule');
    if (!this.user(input.user)) {
      const ids = this.deps.config().users.map((u) => u.id);
      throw new OverrideError(400, `unknown user "${input.user}"; users: ${ids.join(', ') || 'none are defined'}`, 'user');
    }
    if (!(input.from < input.to)) {
      throw new OverrideError(400, `expected "from" before "to", found from ${iso(input.from)} and to ${iso(input.to)}`, 'to');
    }
    const clash = (await this.overrides(schedule, input.from, input.to))[0];
    if (clash) {
      throw new OverrideError(400,
        `overlaps the override of ${clash.user} from ${iso(clash.from)} to ${iso(clash.to)}${clash.origin === 'config' ? ' (in the config)' : ` (#${clash.id})`}; ` +
        'remove it first or choose another time', 'from');
    }
    return recordView(await this.deps.store.overrides.create({ schedule: scheduleId, user: input.user, from: input.from, to: input.to, createdBy, createdAt: now }));
  }

  scheduleIds(): string {
    return this.deps.config().schedules.map((s) => s.id).join(', ') || 'none are defined';
  }
}

function recordView(o: OverrideRecord): OverrideView {
  return { id: o.id, schedule: o.schedule, user: o.user, from: o.from, to: o.to, origin: 'api', createdBy: o.createdBy };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Calendar feeds are reached without a token (calendar apps cannot send one), so the URL itself is
 * the secret: an HMAC of what the feed shows under a secret the installation generated once.
 */
export function feedToken(secret: string, kind: 'schedule' | 'user', id: string): string {
  return capabilityKey(secret, kind, id);
}
