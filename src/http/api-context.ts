import type { TokenService } from '../auth/index.ts';
import type { Communications } from '../comms/index.ts';
import type { Config } from '../config/index.ts';
import type { IncidentService } from '../incidents/index.ts';
import type { MaintenanceService } from '../maintenance/index.ts';
import type { HeartbeatMonitor } from '../heartbeats/index.ts';
import type { AlertIntake } from '../ingest/index.ts';
import type { AlertEvaluator, CheckStateBook } from '../monitor/index.ts';
import type { QueryRuleRunner } from '../prometheus/index.ts';
import type { RunbookRunner } from '../runbooks/index.ts';
import type { CalendarFeeds, OnCallDirectory } from '../oncall/index.ts';
import type { Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';

export interface ConfigStatus {
  ok: boolean;
  directory: string;
  loadedAt: number;
  lastAttemptAt: number;
  /** Formatted `file:line:col: path: message` lines of the last failed reload. */
  errors: string[];
}

/** What the HTTP layer may use of the running app: read models and services, nothing else. */
export interface ApiContext {
  clock: Clock;
  store: Store;
  config(): Config;
  configStatus(): ConfigStatus;
  checks: CheckStateBook;
  alerts: Pick<AlertEvaluator, 'state'>;
  /** PromQL rules: last evaluation, last error and each series' state. */
  queryRules: Pick<QueryRuleRunner, 'view'>;
  incidents: IncidentService;
  tokens: TokenService;
  /** Schedules joined with run-time overrides. */
  oncall: OnCallDirectory;
  /** Unguessable iCalendar feed URLs and their contents. */
  feeds: CalendarFeeds;
  /** Where secrets named in the config (`routing_key_env`, ...) are read; process.env when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Alerts from other tools enter the pipeline here. */
  intake: AlertIntake;
  /** Status updates on incidents and status-page subscriptions. */
  communications: Pick<Communications, 'updates' | 'subscriptions'>;
  /** Maintenance windows as they run; its changes re-check held escalations themselves. */
  maintenance: MaintenanceService;
  /** Heartbeats as they run: definitions, live state, ping URLs. */
  heartbeats: HeartbeatMonitor;
  /** Runbook runs: start, confirm, tick, cancel, view, follow live. */
  runbooks: RunbookRunner;
  /** A silence was created or expired: the pipeline's muter and held escalations must see it now. */
  silencesChanged(): Promise<void>;
  /** Readiness: the store answers and the engine runs. */
  ready(): Promise<boolean>;
  metrics(): Promise<{ contentType: string; body: string }>;
}
