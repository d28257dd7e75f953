import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { TokenService } from '../auth/index.ts';
import { createCommunications } from '../comms/index.ts';
import { compileCheck, runCheck, type CompiledCheck } from '../checks/index.ts';
import { formatConfigError, loadConfig, watchConfig, type AlertRuleDef, type Config } from '../config/index.ts';
import { createLatenessHistogram, createResultWriter, createScheduler, type LatenessSummary, type ResultWriterStats, type SchedulerStats } from '../engine/index.ts';
import { createHttpServer, type ConfigStatus } from '../http/index.ts';
import { IncidentService } from '../incidents/index.ts';
import { HeartbeatMonitor } from '../heartbeats/index.ts';
import { AlertIntake, TransitionWorker } from '../ingest/index.ts';
import { AlertEvaluator, alertLabels, CheckStateBook } from '../monitor/index.ts';
import { remindOverdueActions } from '../postmortems/index.ts';
import { RunbookRunner } from '../runbooks/index.ts';
import { RoutineScheduler, RoutineWork, routineRunbooks } from '../routines/index.ts';
import { resultsNeeded } from '../rules/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { invalidateOnWrites, StatusPages } from '../statuspage/index.ts';
import { systemClock, type Clock } from '../time/index.ts';
import { createAppMetrics } from './app-metrics.ts';
import { observeHttpRequests } from './http-request-metrics.ts';
import { countInboundEvents } from './inbound-event-count.ts';
import { scrapeGauges } from './metrics-scrape.ts';
import { createLogger } from './logger.ts';
import { announceDue, announceToSubscribers } from '../maintenance/index.ts';
import { createPaging } from './paging.ts';
import { createQueryRules } from './query-rules.ts';
import { every } from './periodic.ts';
import { severityCatalog } from './severity-catalog.ts';

export interface OpsdeckOptions {
  configDir: string;
  /** postgres://... selects PostgreSQL; otherwise SQLite in the config's data directory. */
  databaseUrl?: string;
  /** PostgreSQL schema (tests isolate themselves with one). */
  schema?: string;
  clock?: Clock;
  logger?: Logger;
  /** Overrides server.listen from the config (tests pass port 0). */
  listen?: { host: string; port: number };
  /** Reload when files in the config directory change (default true). */
  watch?: boolean;
  /** Where channel secrets (`secret_env`, `password_env`, `url_env`) are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface Opsdeck {
  readonly url: string;
  readonly store: Store;
  readonly http: FastifyInstance;
  /** Set on the first start with an empty store: the secret of the admin token made for signing in. */
  readonly bootstrapSecret: string | null;
  config(): Config;
  configStatus(): ConfigStatus;
  /** Re-reads the config directory; a bad config is reported and the running one kept. */
  reload(): Promise<ConfigStatus>;
  /** The engine's own figures since start: what the benchmark and an operator read. */
  engineStats(): { scheduler: SchedulerStats; writer: ResultWriterStats; lateness: LatenessSummary };
  /** Resolves when queued alert evaluations and result writes are done (tests). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export class ConfigInvalidError extends Error {
  readonly errors: string[];
  constructor(errors: string[]) {
    super(`the config has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.join('\n')}`);
    this.errors = errors;
  }
}

const CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));
const VERSION = '0.1.0';

export async function startOpsdeck(options: OpsdeckOptions): Promise<Opsdeck> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const first = await loadConfig(options.configDir);
  if (!first.ok) throw new ConfigInvalidError(first.errors.map(formatConfigError));
  let config = first.config;
  let status: ConfigStatus = { ok: true, directory: config.directory, loadedAt: clock.now(), lastAttemptAt: clock.now(), errors: [] };

  const metrics = createAppMetrics();
  // Status pages render again on the next request after anything they show is written.
  let statusPages: StatusPages | null = null;
  const store = invalidateOnWrites(countInboundEvents(
    await openStore({ databaseUrl: options.databaseUrl, dataDir: config.server.dataDir, schema: options.schema }),
    (source, n) => metrics.inboundEvents.inc({ source }, n),
  ), () => statusPages?.invalidate());
  const tokens = new TokenService(store, clock);
  let baseUrl = '';
  const paging = await createPaging({ store, clock, logger, config: () => config, baseUrl: () => config.server.publicUrl ?? baseUrl, env: options.env,
    onDeliveryAttempt: (o) => (o.ok ? metrics.notificationsSent.inc() : metrics.notificationFailures.inc({ retryable: String(o.retryable) })),
  });
  const incidents = new IncidentService({
    store, clock, severities: () => severityCatalog(config), escalation: paging.incidentEscalation, queued: () => paging.delivery.kick(),
  });
  const runbooks = new RunbookRunner({ store, clock, config: () => config, env: options.env, onError: (err, what) => logger.error({ err }, `runbook: ${what} failed`) });
  paging.onAlert(async (rule, event, heldBy) => {
    if (event.transition === 'firing') {
      const { incident, created } = await incidents.alertFired(rule, event.value, heldBy);
      // The runbook's read-only diagnostic steps start at once, so their output is on the timeline before anyone looks.
      // After the commit: they run commands, which a rolled-back batch could not take back.
      if (created && incident.runbook) {
        store.afterCommit(() => void runbooks.diagnose(incident).catch((err) => logger.error({ err, incident: incident.id }, 'runbook diagnostics failed')));
      }
    }
    else await incidents.alertResolved(rule, event.value);
  });
  // Alerts from other tools (Events API v2, Alertmanager, PromQL rules) take the same pipeline.
  const intake = new AlertIntake({ store, clock, config: () => config, incidents, process: (event) => paging.pipeline.process(event), queued: () => transitions.kick() });
  // Events v2 answers once an event is committed; this worker then takes its transition through the pipeline.
  const transitions = new TransitionWorker({
    queue: store.externalAlerts, take: (t) => intake.take(t), clock, logger,
    concurrency: store.dialect === 'postgres' ? 4 : 1, pause: () => nextTurn(), commitTogether: (fn) => store.batch(fn), roundMs: 5,
  });
  // Heartbeat ping keys derive from a secret made once per installation, as calendar feed URLs do.
  const heartbeats = new HeartbeatMonitor({
    store, clock, config: () => config, intake, logger, baseUrl: () => config.server.publicUrl ?? baseUrl,
    secret: await store.settings.setIfAbsent('heartbeat-ping-secret', randomBytes(32).toString('hex')),
  });
  const communications = createCommunications({
    store, clock, config: () => config, incidents, directory: paging.directory, baseUrl: () => config.server.publicUrl ?? baseUrl, queued: () => paging.delivery.kick(),
  });
  const queryRules = createQueryRules({ clock, intake, logger, registry: metrics.registry });
  const book = new CheckStateBook();
  const evaluator = new AlertEvaluator<AlertRuleDef>({
    alerts: store.alerts, clock,
    deliver: async (rule, transition, value) => {
      await paging.pipeline.process({ key: rule.id, transition, labels: alertLabels(rule), value, at: clock.now(), payload: rule });
    },
    onError: (err, ruleId) => logger.error({ err, ruleId }, 'alert evaluation failed'),
    onTransition: (ruleId, to) => {
      statusPages?.invalidate();
      metrics.alertTransitions.inc({ to });
      logger.info({ ruleId, to }, 'alert transition');
    },
  });
  const lateness = createLatenessHistogram();
  // Flushing twice a second keeps each synchronous SQLite write short at thousands of results per second.
  const writer = createResultWriter({ clock, store: store.results, flushEveryMs: 500, onError: (err) => logger.error({ err }, 'writing check results failed') });
  let compiled = new Map<string, CompiledCheck>();

  const scheduler = createScheduler({
    clock,
    concurrency: config.engine.concurrency,
    onLateness: (ms) => {
      lateness.record(ms);
      metrics.scheduleLateness.observe(ms / 1000);
    },
    onError: (err: unknown) => logger.error({ err }, 'check run failed'),
    run: async (id) => {
      const check = compiled.get(id);
      if (!check) return;
      const result = await runCheck(check, () => clock.now());
      metrics.checkRuns.inc({ outcome: result.ok ? 'pass' : 'fail' });
      metrics.checkDuration.observe(result.durationMs / 1000);
      writer.add(result);
      const change = book.record(result);
      if (change) {
        statusPages?.invalidate();
        logger.info({ checkId: id, ok: change.ok, reason: change.reason }, 'check state changed');
        await store.results.recordStateChange(change);
      }
      evaluator.onResult(id, book.get(id)?.recent ?? [result]);
    },
  });

  function apply(next: Config): void {
    const nextCompiled = new Map<string, CompiledCheck>();
    const keep = new Map<string, number>();
    for (const service of next.services) {
      for (const check of service.checks) {
        nextCompiled.set(check.id, compileCheck(check.id, check.type, check.typeConfig, check.expect, {
          timeoutMs: check.timeoutMs, intervalMs: check.intervalMs, preparsed: { conditions: check.conditions },
        }));
        keep.set(check.id, 1);
      }
    }
    const rules = next.services.flatMap((s) => s.alerts);
    for (const rule of rules) keep.set(rule.condition.check, Math.max(keep.get(rule.condition.check) ?? 1, resultsNeeded(rule.condition)));
    // Channels first: a channel that cannot be built must fail the reload before anything changes.
    paging.applyConfig(next);
    queryRules.setRules(next.services.flatMap((s) => s.queryAlerts), next.datasources);
    config = next;
    statusPages?.invalidate();
    compiled = nextCompiled;
    book.setRetention(keep);
    evaluator.setRules(rules);
    scheduler.set([...nextCompiled.values()].map((c) => ({ id: c.id, intervalMs: c.intervalMs })));
    metrics.checksScheduled.set(nextCompiled.size);
  }

  // State after a restart: the newest result of every check, the last few where rules need them, and every alert's state.
  apply(config);
  const latest = await store.results.latestPerCheck();
  const restored = [];
  for (const result of latest) {
    const need = book.needed(result.checkId);
    restored.push(...(need > 1 ? (await store.results.recent(result.checkId, need)).reverse() : [result]));
  }
  book.restore(restored, new Map());
  const rulesById = new Map(config.services.flatMap((s) => s.alerts).map((r) => [r.id, r]));
  const stillFiring = [];
  for (const alert of await store.alerts.all()) {
    evaluator.restore(alert.ruleId, alert);
    const rule = rulesById.get(alert.ruleId);
    if (alert.state === 'firing' && rule) stillFiring.push({ key: rule.id, labels: alertLabels(rule) });
  }
  // A firing still queued has not been delivered whatever the alert's status says: the worker delivers it after the restore.
  const queuedFiring = new Set(await store.externalAlerts.queuedFiringKeys());
  for (const alert of await store.externalAlerts.firing()) {
    if (!queuedFiring.has(alert.key)) stillFiring.push({ key: alert.key, labels: intake.labelsOf(alert) });
  }
  // Inhibition needs to know what fired before the restart; restored alerts count as delivered, so nobody is paged twice.
  paging.firing.restore(stillFiring);

  // Saved heartbeat states back in memory before the first ping; alerts that disagree with them are repaired.
  await heartbeats.start();

  // Runs a stopped process on this host left unfinished are failed: their processes died with it.
  await runbooks.recoverAbandoned();

  let bootstrapSecret: string | null = null;
  if ((await store.tokens.count()) === 0) {
    bootstrapSecret = (await tokens.create('bootstrap-admin', 'admin', 'system')).secret;
  }

  const reload = async (): Promise<ConfigStatus> => {
    const attempt = clock.now();
    const loaded = await loadConfig(options.configDir);
    if (loaded.ok) {
      try {
        apply(loaded.config);
        status = { ok: true, directory: config.directory, loadedAt: attempt, lastAttemptAt: attempt, errors: [] };
        metrics.configReloads.inc({ outcome: 'ok' });
        logger.info({ services: config.services.length }, 'config reloaded');
        return status;
      } catch (err) {
        status = { ...status, ok: false, lastAttemptAt: attempt, errors: [`could not apply the new config: ${(err as Error).message}`] };
      }
    } else {
      status = { ...status, ok: false, lastAttemptAt: attempt, errors: loaded.errors.map(formatConfigError) };
    }
    metrics.configReloads.inc({ outcome: 'error' });
    logger.warn({ errors: status.errors }, 'config reload failed; still running the previous config');
    return status;
  };

  const refreshGauges = scrapeGauges(metrics, {
    clock, store,
    alertStates: () => config.services.flatMap((s) => s.alerts).map((rule) => evaluator.state(rule.id).state),
    severities: () => config.severities.map((s) => s.id),
    onError: (err, collector) => logger.warn({ err, collector }, 'reading a metric at scrape time failed; the last value stands'),
  });
  statusPages = new StatusPages({
    clock, config: () => config, store, checks: book, alerts: evaluator, maintenance: paging.maintenance,
    baseUrl: () => config.server.publicUrl ?? baseUrl,
  });
  const pages = statusPages;
  const http = await createHttpServer(
    {
      clock, store, tokens, incidents, checks: book, alerts: evaluator, queryRules,
      oncall: paging.directory, feeds: paging.feeds, silencesChanged: () => paging.silencesChanged(), intake, env: options.env, communications, maintenance: paging.maintenance, heartbeats,
      config: () => config,
      configStatus: () => status,
      runbooks,
      ready: async () => (await store.tokens.count()) >= 0,
      metrics: async () => {
        await refreshGauges();
        return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
      },
    },
    {
      logger, consoleDir: CONSOLE_DIR, version: VERSION,
      statusPages: { pages, tokenValid: async (secret) => (await tokens.authenticate(secret)) !== null },
    },
  );
  observeHttpRequests(http, metrics);
  const listen = options.listen ?? { host: config.server.host, port: config.server.port };
  await http.listen({ host: listen.host, port: listen.port });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const url = `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}`;
  baseUrl = url;

  scheduler.start();
  paging.start();
  // Transitions a crash left queued run now.
  transitions.kick();
  // PromQL series that were firing before a restart stay firing (not paged again) until a query says otherwise.
  queryRules.start(await store.externalAlerts.firing());
  const logError = (what: string) => (err: unknown) => logger.error({ err }, what);
  const breaches = every(clock, 5_000, () => incidents.recordBreaches(), logError('recording breaches failed'));
  const updateReminders = every(clock, 30_000, () => communications.reminders.run(), logError('status update reminders failed'));
  const actionReminders = every(clock, 60_000, async () => {
    if ((await remindOverdueActions({ store, clock, config: () => config, consoleUrl: () => config.server.publicUrl ?? baseUrl })) > 0) paging.delivery.kick();
  }, logError('action item reminders failed'));
  // Each maintenance occurrence is announced once, at its notice time (the store's mark makes it once across processes).
  const announce = announceToSubscribers({ organization: () => config.organization, publicUrl: () => config.server.publicUrl ?? baseUrl, now: () => clock.now() });
  const maintenanceNotices = every(clock, 30_000, async () => {
    if ((await announceDue({ maintenance: paging.maintenance, store, announce }, clock.now())).length > 0) paging.delivery.kick();
  }, logError('maintenance announcements failed'));
  // Routines: each occurrence handled once (claimed in the store), runs followed to their end, missed deadlines alerted.
  const routineWork = new RoutineWork({
    store, clock, config: () => config, intake, directory: paging.directory, runbooks: routineRunbooks(runbooks, store),
    onError: (err, what) => logger.error({ err }, `routine: ${what} failed`),
  });
  const routines = new RoutineScheduler({
    clock, store, config: () => config, work: routineWork,
    onMissed: (routine, at, missed) => logger.warn({ routine: routine.id, handled: new Date(at).toISOString(), missed }, 'routine occurrences passed while Opsdeck was down; only the latest is handled'),
    onError: (err, what) => logger.error({ err }, `routine: ${what} failed`),
  });
  await routineWork.resumeRuns();
  await routines.start();
  // A catch-up compaction can run for tens of seconds in small units; stopping aborts it between units.
  // Each second: a heartbeat past its deadline goes down (a cron heartbeat's 30 s grace is kept to about a second).
  const heartbeatTicks = every(clock, 1_000, () => heartbeats.tick(), logError('heartbeat deadlines failed'));
  const compactionStop = new AbortController();
  const compaction = every(clock, 60_000, () => store.results.compact(clock.now(), config.retention, { signal: compactionStop.signal }), logError('compacting results failed'));
  const watcher = options.watch === false ? null : watchConfig(options.configDir, () => void reload());
  logger.info({ url, services: config.services.length, store: store.dialect }, 'opsdeck started');

  return {
    url, store, http, bootstrapSecret,
    config: () => config,
    configStatus: () => status,
    reload,
    engineStats: () => ({ scheduler: scheduler.stats(), writer: writer.stats(), lateness: lateness.summary() }),
    async settle() {
      await evaluator.settled();
      await queryRules.settled();
      await transitions.idle();
      await heartbeats.settled();
      await routines.idle();
      await writer.flush();
    },
    async stop() {
      watcher?.close();
      await scheduler.stop();
      await queryRules.stop();
      await transitions.stop();
      await paging.stop();
      await breaches.stop();
      await updateReminders.stop();
      await actionReminders.stop();
      await maintenanceNotices.stop();
      await routines.stop();
      routineWork.stopping();
      compactionStop.abort();
      await compaction.stop();
      await evaluator.settled();
      // The writer refuses to drop results silently; at shutdown a failing store is logged, not thrown.
      await writer.close().catch((err) => logger.error({ err }, 'check results could not be written at shutdown'));
      // Live runs are cancelled (process groups killed, state written) before the streams that follow them close.
      await runbooks.stop();
      await routineWork.settled();
      await http.close();
      await heartbeatTicks.stop();
      await heartbeats.settled();
      await store.close();
    },
  };
}
