/** GET /api/v1/heartbeats, as the console reads it. */
export interface HeartbeatPingView {
  id: number;
  at: number;
  kind: 'success' | 'start' | 'fail' | 'log';
  exitStatus: number | null;
  rid: string | null;
  durationMs: number | null;
  method: string;
  body: string;
  bodyBytes: number;
  truncated: boolean;
}

export interface HeartbeatView {
  id: string;
  name: string;
  service: string;
  severity: string;
  graceMs: number;
  schedule: { kind: 'cron'; expr: string; timezone: string } | { kind: 'period'; everyMs: number };
  /** null for viewers: the URL is a credential. */
  pingUrl: string | null;
  status: 'new' | 'up' | 'down';
  lastPingAt: number | null;
  lastPingKind: HeartbeatPingView['kind'] | null;
  deadline: number | null;
  downSince: number | null;
  summary: string | null;
  running: { rid: string | null; at: number }[];
  lastDurationMs: number | null;
  durations: { at: number; durationMs: number; kind: string; rid: string | null }[];
  logs: HeartbeatPingView[];
}
