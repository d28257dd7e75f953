import type { WhenCondition } from '../rules/when.ts';
import type { Condition } from '../checks/index.ts';
import type { Matcher } from '../pipeline/label-matcher.ts';
import type { CronSchedule } from '../calendar/index.ts';

/**
 * The one resolved configuration every other module reads. Durations are in
 * milliseconds, references are full ids ("<service>/<check>"), paths are
 * absolute, defaults are filled in: nothing downstream parses or guesses.
 */
export interface Config {
  /** Absolute path of the config directory. */
  directory: string;
  organization: string;
  timezone: string;
  server: { host: string; port: number; publicUrl: string | null; dataDir: string };
  retention: { rawMs: number; minuteMs: number; hourMs: number };
  engine: { concurrency: number; intervalMs: number; timeoutMs: number };
  /** In file order (opsdeck.yaml first, then included files in include order). */
  severities: Severity[];
  services: ServiceDef[];
  /** People who can be on call or notified. */
  users: UserDef[];
  schedules: ScheduleDef[];
  escalationPolicies: EscalationPolicyDef[];
  /** Named shared channels (a team's Slack, a fallback mailbox); users' own contacts are in users[].contacts. */
  channels: ChannelDef[];
  notifications: NotificationSettings;
  /** Alertmanager-style: a firing source alert mutes matching target alerts that share the `equal` labels. */
  inhibitRules: InhibitRuleDef[];
  /** Inbound integrations: Events API v2-compatible senders and Alertmanager webhooks. */
  integrations: IntegrationDef[];
  /** Where `prometheus` checks and PromQL alert rules read metrics. */
  datasources: DatasourceDef[];
  /** Public (and internal) status pages. */
  statusPages: StatusPageDef[];
  /** Declared maintenance windows: muted alerts, "under maintenance" components, excluded from availability. */
  maintenance: MaintenanceDef[];
  /** Incident communication templates by id: the three shipped ones plus any the config adds or replaces. */
  templates: TemplateDef[];
  /** Status-page subscriptions (email double opt-in, webhooks). */
  subscriptions: SubscriptionSettings;
  /** Every runbook: each Markdown file under runbooks/ and each file an alert rule or routine names, parsed at load. */
  runbooks: RunbookDef[];
  /** Runbooks and checklists on a calendar (issue 4): automatic runs and manual tasks with a deadline. */
  routines: RoutineDef[];
  /** Jobs that ping Opsdeck (`/ping/<key>`): a missed ping, a failure or a run that never ends raises an alert. */
  heartbeats: HeartbeatDef[];
}

export interface Severity {
  id: string;
  name: string;
  respondWithinMs: number | null;
  resolveWithinMs: number | null;
  updateEveryMs: number | null;
  /** Escalation policy id incidents of this severity follow (an alert rule's own `escalation` wins); null: notifications.default_policy. */
  escalation: string | null;
}

export interface ServiceDef {
  id: string;
  name: string;
  component: string | null;
  description: string | null;
  checks: CheckDef[];
  /** Rules over this service's checks. */
  alerts: AlertRuleDef[];
  /** Rules over a PromQL query (`when: "prometheus: <expr> > 0.05 for 5m"`): each series is its own alert. */
  queryAlerts: QueryRuleDef[];
}

export interface CheckDef {
  /** "<service>/<check>" */
  id: string;
  service: string;
  name: string;
  /** The check type's name, a key of the check type registry. */
  type: string;
  /** The type's own block as its zod schema parsed it; hand it to the type's create(). */
  typeConfig: unknown;
  intervalMs: number;
  timeoutMs: number;
  /** As written (or the type's defaults), for display. */
  expect: string[];
  /** `expect` parsed once at load, index for index, so a probe run never re-parses text. */
  conditions: Condition[];
}

export interface AlertRuleDef {
  /** "<service>/<rule>" */
  id: string;
  service: string;
  name: string;
  /** As written, for display. */
  when: string;
  /** Parsed `when`, with `check` resolved to a full check id. */
  condition: WhenCondition;
  /** A severity id, checked to exist. */
  severity: string;
  /** Relative to the config directory, as written. */
  runbook: string | null;
  autoResolve: boolean;
  cooldownMs: number;
  summary: string | null;
  /** Escalation policy id for this rule's incidents; null: the severity's, then notifications.default_policy. */
  escalation: string | null;
  /** Extra labels as written; the pipeline adds alertname, rule, service, severity and check. */
  labels: Record<string, string>;
}

/**
 * A channel instance: a registry key of src/notify/channels plus that type's own config block,
 * parsed by the type's zod schema. Ids: "<name>" for channels:, "user:<user>/<contact>" for a
 * user's contact methods.
 */
export interface ChannelDef {
  id: string;
  type: string;
  typeConfig: unknown;
}

export interface UserDef {
  id: string;
  name: string;
  /** IANA zone; the config's timezone when absent. */
  timezone: string;
  email: string | null;
  /** Kept for later SMS/voice; no channel sends to it yet. */
  phone: string | null;
  /** The user's contact methods as channels (id "user:<user>/<contact>"), in file order. */
  contacts: ChannelDef[];
  /**
   * Personal notification rules: when this person is notified, each rule sends through one contact
   * afterMs later, unless the incident is acknowledged first. Default: every contact at once.
   */
  rules: NotificationRuleDef[];
}

export interface NotificationRuleDef {
  /** A ChannelDef id from the same user's contacts. */
  channel: string;
  afterMs: number;
}

/** Days of the week are ISO numbers: 1 = Monday ... 7 = Sunday. Minutes are minutes after local midnight. */
export interface ScheduleDef {
  id: string;
  name: string;
  timezone: string;
  /** Lowest first; at any instant the highest layer that has someone on call wins, then overrides. */
  layers: LayerDef[];
  /** From config; overrides made through the API are kept in the store and merged by the caller. */
  overrides: OverrideDef[];
}

export interface LayerDef {
  name: string;
  /** daily = {day,1}, weekly = {week,1}; custom lengths are whole local days or elapsed hours. */
  rotation: { unit: 'hour' | 'day' | 'week'; count: number };
  /** Local handoff time; weekday only for week rotations (e.g. Fri 17:00 = { weekday: 5, minute: 1020 }). */
  handoff: { weekday: number | null; minute: number };
  /**
   * Local date-time "YYYY-MM-DDTHH:MM" in the schedule's zone when the layer begins: members[0] is on
   * call from then until the first handoff after it, then each handoff moves to the next member.
   */
  start: string;
  /** User ids in rotation order. */
  members: string[];
  /** Empty: always covered. Otherwise the layer has someone only inside one of these local windows. */
  restrictions: RestrictionDef[];
}

export interface RestrictionDef {
  /** ISO weekdays on which a window starts. */
  days: number[];
  fromMinute: number;
  /** toMinute <= fromMinute means the window ends the next day (22:00-06:00). */
  toMinute: number;
}

export interface OverrideDef {
  user: string;
  /** Epoch ms, [from, to). */
  from: number;
  to: number;
}

export type TargetRef = { kind: 'schedule' | 'user' | 'channel'; id: string };

export interface EscalationPolicyDef {
  id: string;
  levels: EscalationLevelDef[];
  /** How many more times the whole policy runs when nobody acknowledges (0 = once). */
  repeat: number;
  /** After the last level is notified, how long before the policy starts again. */
  repeatAfterMs: number;
}

export interface EscalationLevelDef {
  /** Measured from the start of the policy (or of its repeat), so levels are in increasing order. */
  afterMs: number;
  targets: TargetRef[];
}

export interface NotificationSettings {
  smtp: SmtpSettings | null;
  retry: { initialMs: number; maxDelayMs: number; maxAgeMs: number };
  /** A ChannelDef id (channels:) that receives every dead letter; null: dead letters are only listed. */
  fallback: string | null;
  /** Policy for incidents whose rule and severity name none; null: nobody is paged. */
  defaultPolicy: string | null;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465). */
  secure: boolean;
  /** 'require': fail unless STARTTLS works; 'opportunistic': use it when offered; 'never'. */
  starttls: 'require' | 'opportunistic' | 'never';
  /** Verify the server's certificate. */
  tlsVerify: boolean;
  user: string | null;
  /** The name of the environment variable that holds the password (secrets never live in config). */
  passwordEnv: string | null;
  from: string;
}

export interface InhibitRuleDef {
  source: Matcher[];
  target: Matcher[];
  /** Labels whose values must be equal on source and target. */
  equal: string[];
}

/** One problem found while loading; positions are 1-based, file is relative to the config directory. */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  /** Dotted path to the offending value: services.api.checks.health.every, include[1]. */
  path: string;
  message: string;
}

/** `files` lists every file read, relative to the directory, so a watcher knows what to watch even after a failure. */
export type ConfigLoad =
  | { ok: true; config: Config; files: string[] }
  | { ok: false; errors: ConfigError[]; files: string[] };

/**
 * An inbound integration. Senders authenticate with a routing key: from the environment
 * (`routing_key_env`, hashed at load) or made with `opsdeck integrations key` (stored hashed).
 */
export interface IntegrationDef {
  id: string;
  type: 'events_v2' | 'alertmanager';
  /** Where alerts and changes go unless a route says otherwise; null: routes must place every alert. */
  service: string | null;
  /** Environment variable holding a routing key for this integration, or null. */
  keyEnv: string | null;
  /** Sender severity -> Opsdeck severity id. events_v2 default: critical P1, error P2, warning P3, info P4 (those that exist). */
  severityMap: Record<string, string>;
  /** alertmanager: the label looked up in severityMap (default "severity"). */
  severityLabel: string;
  /** Used when the sender's severity is not in the map. */
  defaultSeverity: string;
  /** alertmanager (events_v2 may use them too, on `payload.component`/`group`/`class` as labels): first match wins. */
  routes: IntegrationRouteDef[];
  /** Events a minute per routing key; past it the answer is 429 (the sender retries). */
  rateLimitPerMinute: number;
  /** Escalation policy for this integration's incidents; null: the severity's, then the default. */
  escalation: string | null;
}

export interface IntegrationRouteDef {
  matchers: Matcher[];
  service: string;
  /** Overrides the mapped severity; null keeps it. */
  severity: string | null;
}

export interface DatasourceDef {
  id: string;
  type: 'prometheus';
  /** Base URL without a trailing slash: http://127.0.0.1:9090 */
  url: string;
  /** Extra request headers; values from `headers_env` are read from the environment at load. */
  headers: Record<string, string>;
  timeoutMs: number;
}

/** A PromQL alert rule. The identity fields mean what they mean on AlertRuleDef. */
export interface QueryRuleDef {
  /** "<service>/<rule>"; each series' alert key is "<service>/<rule>{<labels>}". */
  id: string;
  service: string;
  name: string;
  when: string;
  datasource: string;
  /** PromQL that returns an instant vector (or a scalar); the comparison is applied by Opsdeck. */
  expr: string;
  op: '>' | '>=' | '<' | '<=' | '==' | '!=';
  threshold: number;
  forMs: number;
  /** How often the query runs (default: the engine interval). */
  everyMs: number;
  /** A query that keeps failing (syntax error, Prometheus down) this long raises the rule's error alert. */
  errorAfterMs: number;
  severity: string;
  runbook: string | null;
  autoResolve: boolean;
  cooldownMs: number;
  summary: string | null;
  escalation: string | null;
  labels: Record<string, string>;
}

/** A status page at `path`, public or behind sign-in, showing grouped components. */
export interface StatusPageDef {
  id: string;
  title: string;
  /** URL path, "/status" or "/status/internal"; unique across pages. */
  path: string;
  /** private: only for a signed-in console session or an API token (an internal page). */
  access: 'public' | 'private';
  description: string | null;
  /** Absolute URL or a path served by the page's own assets. */
  logo: string | null;
  /** CSS colours by name: brand, operational, degraded, partial, major, maintenance. */
  colors: Record<string, string>;
  links: { text: string; href: string }[];
  /** In display order; a group without a name shows its components ungrouped. */
  groups: { name: string | null; components: ComponentDef[] }[];
}

/** A status-page component: the services whose checks, alerts and incidents decide its status. */
export interface ComponentDef {
  /** Unique across the config (subscriptions and maintenance scopes name it). */
  id: string;
  name: string;
  description: string | null;
  services: string[];
}

export interface MaintenanceDef {
  id: string;
  title: string;
  timezone: string;
  /** When it starts: once at an instant, or recurring by the calendar module's rules. */
  schedule:
    | { kind: 'once'; start: number }
    | { kind: 'weekly'; weekday: number; minute: number }
    | { kind: 'monthly-weekday'; nth: 1 | 2 | 3 | 4 | 5 | 'last'; weekday: number; minute: number }
    /** `expr` as written, for display; `cron` parsed at load, for the calendar's Recurrence. */
    | { kind: 'cron'; expr: string; cron: CronSchedule };
  /** Elapsed ("lasts: 4h") or a wall-clock end ("until: 06:00", resolved by the DST rules). */
  duration: { lastsMs: number } | { untilMinute: number };
  /** Alerts of these services are muted during the window. */
  services: string[];
  /** Components shown "under maintenance" (default: those containing the services). */
  components: string[];
  /** Announced on the status page and to subscribers this long before each start, once. */
  noticeMs: number;
  /** Shown on the status page and in the announcement. */
  message: string | null;
  /** A routine (issue 4) to run before the window; its id as written, or null. */
  checklist: string | null;
}

export interface TemplateDef {
  id: string;
  title: string;
  /** internal: for the team's status updates; public: customer communication shown on status pages. */
  audience: 'internal' | 'public';
  /** `{{incident.title}}`-style variables (see docs/config.md). */
  text: string;
}

export interface SubscriptionSettings {
  /** Allow email subscriptions (needs notifications.smtp). */
  email: boolean;
  /** Allow webhook subscriptions. */
  webhook: boolean;
}

/**
 * A runbook: a Markdown procedure whose fenced shell blocks are executable steps and whose task-list
 * items are manual confirmations. Parsed once at load (src/runbooks) so lint problems are config
 * problems with file:line:col, and a run never re-parses text.
 */
export interface RunbookDef {
  /** The file's path relative to the config directory, as alert rules write it: "runbooks/api-restart.md". */
  id: string;
  title: string;
  description: string | null;
  parameters: RunbookParamDef[];
  /** Roles allowed to run it (default responder and admin). */
  roles: ('viewer' | 'responder' | 'admin')[];
  /** For the whole run; each step may have its own. */
  timeoutMs: number;
  /** Extra environment variables (values as written; never secrets). */
  env: Record<string, string>;
  /** Working directory, relative to the config directory; null: the config directory. */
  workdir: string | null;
  /** Headings in order; steps point at them by index. */
  sections: { title: string; level: number; line: number }[];
  steps: RunbookStepDef[];
}

export interface RunbookParamDef {
  /** An environment variable name: NAMESPACE, POD_NAME, ARG1. */
  name: string;
  type: 'string' | 'number' | 'boolean';
  default: string | null;
  required: boolean;
  /** Masked in stored and streamed output, and in the audit log. */
  secret: boolean;
  allowed: string[] | null;
  description: string | null;
  /** front-matter: declared; placeholder: found in a step (`${NAMESPACE}`, `<pod-name>`, `[environment]`, `$1`). */
  origin: 'front-matter' | 'placeholder';
}

export interface RunbookStepDef {
  /** 0-based, in document order over every kind. */
  index: number;
  /** Index into RunbookDef.sections; -1 before the first heading. */
  section: number;
  /** shell: runs; manual: a task-list item to confirm; shown: a fenced block displayed, not run. */
  kind: 'shell' | 'manual' | 'shown';
  /** The fence's language (bash, sh, sql, ...), '' for manual items. */
  lang: string;
  /** What runs: placeholders rewritten to environment references ("$NAMESPACE"), never spliced values. */
  script: string;
  /** As written, for display. */
  text: string;
  /** 1-based line of the block or item in the file. */
  line: number;
  risk: 'readonly' | 'mutating';
  /** Why: the command that made it mutating, or "marked {mutating}". */
  riskReason: string | null;
  continueOnError: boolean;
  /** Read-only steps marked `diagnostic` may run by themselves when an incident with this runbook opens. */
  diagnostic: boolean;
  timeoutMs: number | null;
  /** For a runnable non-shell block ({runnable interpreter=python3}); null runs with bash. */
  interpreter: string | null;
}

/**
 * A routine: a runbook run (automatic) or a checklist ticked by a person (manual) at each
 * occurrence of its schedule, local to its zone by the calendar's DST rules.
 */
export interface RoutineDef {
  id: string;
  /** Default: the id. */
  title: string;
  /** Default: the top-level timezone. */
  timezone: string;
  schedule:
    /** `at: "09:00"` with `days:` (default every day); weekdays ISO, 1 = Monday. */
    | { kind: 'daily'; minute: number; weekdays: number[] }
    | { kind: 'weekly'; weekday: number; minute: number }
    | { kind: 'monthly-weekday'; nth: 1 | 2 | 3 | 4 | 5 | 'last'; weekday: number; minute: number }
    /** `expr` as written, for display; `cron` parsed at load. */
    | { kind: 'cron'; expr: string; cron: CronSchedule };
  /** runbook: a RunbookDef id (path relative to the config directory) run with `params`; checklist: items a person ticks. */
  work: { kind: 'runbook'; runbook: string; params: Record<string, string> } | { kind: 'checklist'; items: string[] };
  /** Checklists: done within this long after the occurrence (default 1d); runbook routines: 0. */
  deadlineMs: number;
  /** schedule: whoever is on call for it at the occurrence; user: that person; null: nobody in particular. */
  assign: { kind: 'schedule' | 'user'; id: string } | null;
  /** The alert's severity when a run fails or a deadline passes (default: the last severity defined). */
  severity: string;
}

/**
 * A heartbeat: a passive check that a job (a backup, a cron task) pings. Its alert fires when a
 * ping is missed, when the job reports a failure, or when a started run does not end within the grace.
 */
export interface HeartbeatDef {
  id: string;
  /** Default: the id. */
  name: string;
  /** Where its alerts and incidents go; default: the heartbeat's own id (a service of its own, named after it). */
  service: string;
  /**
   * period: a ping is due everyMs after the last success. cron: one is due at each occurrence, in
   * `timezone` (default: the config's), computed by the calendar module.
   */
  schedule: { kind: 'period'; everyMs: number } | { kind: 'cron'; expr: string; cron: CronSchedule; timezone: string };
  /** How late a ping may be, and how long a started run may take, before the alert fires. */
  graceMs: number;
  /** A severity id; default: the last (least urgent) severity in file order. */
  severity: string;
  /** Escalation policy id for its incidents; null: the severity's, then notifications.default_policy. */
  escalation: string | null;
}
