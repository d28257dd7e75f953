import type { CheckResult, CheckStateChange } from '../checks/check-result.ts';

export interface CheckState {
  /** null until the first result. */
  ok: boolean | null;
  /** When the check entered its current state. */
  since: number | null;
  last: CheckResult | null;
  /** The newest results, oldest first, as many as the rules on this check need. */
  recent: CheckResult[];
}

/** Why a result failed, in one line, for state-change history. */
export function failureReason(result: CheckResult): string {
  if (result.error) return result.error;
  const failed = result.conditions.filter((c) => !c.ok).map((c) => c.text);
  return failed.length ? failed.join('; ') : 'passing';
}

/**
 * The live state of every check, in memory: the API's services view and the
 * alert evaluator read it without touching the database.
 */
export class CheckStateBook {
  private readonly states = new Map<string, CheckState>();
  private readonly keep = new Map<string, number>();

  /** How many recent results to keep per check (the most any rule on it needs). */
  setRetention(keep: ReadonlyMap<string, number>): void {
    this.keep.clear();
    for (const [id, n] of keep) this.keep.set(id, n);
    for (const id of [...this.states.keys()]) if (!keep.has(id)) this.states.delete(id);
  }

  /** How many recent results this check keeps. */
  needed(checkId: string): number {
    return this.keep.get(checkId) ?? 1;
  }

  get(checkId: string): CheckState | undefined {
    return this.states.get(checkId);
  }

  /** Adds a result; returns the state change it caused, if any. */
  record(result: CheckResult): CheckStateChange | null {
    let state = this.states.get(result.checkId);
    if (!state) {
      state = { ok: null, since: null, last: null, recent: [] };
      this.states.set(result.checkId, state);
    }
    // Results can land out of order when a slow run finishes after a faster later one.
    if (state.last && result.at < state.last.at) return null;
    state.recent.push(result);
    const keep = this.keep.get(result.checkId) ?? 1;
    if (state.recent.length > keep) state.recent.splice(0, state.recent.length - keep);
    state.last = result;
    if (state.ok === result.ok) return null;
    const wasKnown = state.ok !== null;
    state.ok = result.ok;
    state.since = result.at;
    // The first result after start is not a change unless it fails: history wants every outage's start.
    if (!wasKnown && result.ok) return null;
    return { checkId: result.checkId, at: result.at, ok: result.ok, reason: failureReason(result) };
  }

  /** Restores state after a restart without recording changes. */
  restore(results: readonly CheckResult[], since: ReadonlyMap<string, number>): void {
    for (const result of results) {
      const state = this.states.get(result.checkId) ?? { ok: null, since: null, last: null, recent: [] };
      this.states.set(result.checkId, state);
      state.recent.push(result);
      const keep = this.keep.get(result.checkId) ?? 1;
      if (state.recent.length > keep) state.recent.splice(0, state.recent.length - keep);
      state.last = result;
      state.ok = result.ok;
      state.since = since.get(result.checkId) ?? result.at;
    }
  }
}
