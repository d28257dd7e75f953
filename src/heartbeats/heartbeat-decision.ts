import { nextOccurrence } from '../calendar/index.ts';
import type { HeartbeatDef } from '../config/index.ts';
import { MAX_RUNNING, type DownReason, type HeartbeatState, type PingKind } from './heartbeat-state.ts';

/**
 * The heartbeat decisions, pure functions of (definition, state, input, now), as in the
 * integrations README: a period schedule is down at last success + period + grace; a cron schedule
 * at the next expected run after the last success (in the schedule's zone) + grace; a start not
 * ended within the grace is down; a failure is down at once; a later success is up again.
 */

export interface PingInput {
  kind: PingKind;
  /** From `/ping/<key>/<status>`; null for the named forms. */
  exitStatus: number | null;
  rid: string | null;
}

/** A change of status that raises or clears the heartbeat's alert. */
export type Change = { to: 'down'; reason: DownReason } | { to: 'up' };

export interface Decision {
  state: HeartbeatState;
  change: Change | null;
}

export function applyPing(state: HeartbeatState, ping: PingInput, now: number): Decision & { durationMs: number | null } {
  const next: HeartbeatState = { ...state, lastPingAt: now, lastPingKind: ping.kind };
  if (ping.kind === 'log') return { state: next, change: null, durationMs: null };
  if (ping.kind === 'start') {
    next.running = [...state.running, { rid: ping.rid, at: now }].slice(-MAX_RUNNING);
    return { state: next, change: null, durationMs: null };
  }
  const ended = endRun(state.running, ping.rid);
  next.running = ended.running;
  const durationMs = ended.startedAt === null ? null : now - ended.startedAt;
  if (durationMs !== null) next.lastDurationMs = durationMs;
  if (ping.kind === 'fail') {
    if (state.status === 'down') return { state: next, change: null, durationMs };
    const reason: DownReason = { kind: 'failed', exitStatus: ping.exitStatus };
    return { state: { ...next, status: 'down', downSince: now, reason }, change: { to: 'down', reason }, durationMs };
  }
  const up: HeartbeatState = { ...next, status: 'up', lastSuccessAt: now, downSince: null, reason: null };
  return { state: up, change: state.status === 'down' ? { to: 'up' } : null, durationMs };
}

/**
 * The run an end closes: the start with the same rid, or without a rid the latest start sent
 * without one (healthchecks.io pairs them the same way). An end that matches nothing has no duration.
 */
function endRun(running: HeartbeatState['running'], rid: string | null): { running: HeartbeatState['running']; startedAt: number | null } {
  const index = running.findLastIndex((run) => run.rid === rid);
  if (index < 0) return { running, startedAt: null };
  return { running: running.filter((_, i) => i !== index), startedAt: running[index]!.at };
}

/** When the next ping is expected at the latest (before grace): null if the schedule has no next run. */
export function expectedBy(def: HeartbeatDef, state: HeartbeatState): number | null {
  const anchor = state.lastSuccessAt ?? state.since;
  if (def.schedule.kind === 'period') return anchor + def.schedule.everyMs;
  return nextOccurrence({ kind: 'cron', zone: def.schedule.timezone, cron: def.schedule.cron }, anchor);
}

/** The instant the heartbeat goes down if nothing arrives first, and why; null when it is down already. */
export function deadline(def: HeartbeatDef, state: HeartbeatState): { at: number; reason: DownReason } | null {
  if (state.status === 'down') return null;
  const expected = expectedBy(def, state);
  const scheduled = expected === null ? null : { at: expected + def.graceMs, reason: { kind: 'missed', expectedBy: expected } as DownReason };
  const oldest = state.running[0];
  const unfinished = oldest ? { at: oldest.at + def.graceMs, reason: { kind: 'unfinished', startedAt: oldest.at } as DownReason } : null;
  if (scheduled && unfinished) return unfinished.at <= scheduled.at ? unfinished : scheduled;
  return scheduled ?? unfinished;
}

/** Down once its deadline has passed; otherwise as it was. */
export function checkDue(def: HeartbeatDef, state: HeartbeatState, now: number): Decision {
  const due = deadline(def, state);
  if (!due || now < due.at) return { state, change: null };
  const running = due.reason.kind === 'unfinished' ? state.running.slice(1) : state.running;
  return { state: { ...state, status: 'down', downSince: due.at, reason: due.reason, running }, change: { to: 'down', reason: due.reason } };
}
