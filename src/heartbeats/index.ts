// Heartbeats: jobs that ping Opsdeck. The pure decisions, the monitor that runs them on pings and
// the clock, and the ping URLs.
export { HeartbeatMonitor } from './heartbeat-monitor.ts';
export type { HeartbeatMonitorDeps, PingMeta } from './heartbeat-monitor.ts';
export { applyPing, checkDue, deadline, expectedBy } from './heartbeat-decision.ts';
export type { PingInput, Change, Decision } from './heartbeat-decision.ts';
export { initialState } from './heartbeat-state.ts';
export type { HeartbeatState, DownReason, PingKind } from './heartbeat-state.ts';
export { heartbeatAlertKey, downSummary } from './heartbeat-alert.ts';
export { pingKey } from './ping-key.ts';
export { parsePing } from './ping-request.ts';
export { registerHeartbeatPings, PING_BODY_LIMIT } from './ping-routes.ts';
