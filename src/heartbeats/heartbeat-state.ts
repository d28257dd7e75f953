/** What a ping says: the job succeeded, started, failed, or only sends a log line. */
export type PingKind = 'success' | 'start' | 'fail' | 'log';

/** Why a heartbeat is down: no ping by the deadline, a reported failure, or a run that never ended. */
export type DownReason =
  | { kind: 'missed'; expectedBy: number }
  | { kind: 'failed'; exitStatus: number | null }
  | { kind: 'unfinished'; startedAt: number };

/** At most this many runs are remembered as started: a job that only ever sends `start` must not grow the state. */
export const MAX_RUNNING = 10;

/**
 * One heartbeat's live state: kept in memory, saved with each batch of pings, and restored after
 * a restart. `new` is a heartbeat that has not pinged yet (it is still held to its first deadline).
 */
export interface HeartbeatState {
  id: string;
  status: 'new' | 'up' | 'down';
  /** When Opsdeck began watching it: the first deadline of a heartbeat that never pinged counts from here. */
  since: number;
  lastPingAt: number | null;
  lastPingKind: PingKind | null;
  lastSuccessAt: number | null;
  /** Runs started and not ended yet, oldest first; rid null for a start sent without one. */
  running: { rid: string | null; at: number }[];
  downSince: number | null;
  reason: DownReason | null;
  lastDurationMs: number | null;
}

export function initialState(id: string, now: number): HeartbeatState {
  return { id, status: 'new', since: now, lastPingAt: null, lastPingKind: null, lastSuccessAt: null, running: [], downSince: null, reason: null, lastDurationMs: null };
}
