import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import { EscalationService } from '../escalation/index.ts';
import type { IncidentEscalation } from '../incidents/index.ts';
import { MaintenanceService } from '../maintenance/index.ts';
import { alertLabels as externalAlertLabels, type AlertRef } from '../ingest/index.ts';
import { alertLabels } from '../monitor/index.ts';
import { noticeChannel, buildNotifiers, createDeliveryWorker, SEND_TIMEOUT_MS, type Notifier, type SendOutcome } from '../notify/index.ts';
import { CalendarFeeds, OnCallDirectory, onCallAt } from '../oncall/index.ts';
import { subscriberNotifiers } from '../subscriptions/index.ts';
import { buildPipeline, expiringSoon, FiringSet, silenceMuter, type AlertEvent, type MuteReason } from '../pipeline/index.ts';
import type { SilenceRecord, Store, StoreTransaction } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { every } from './periodic.ts';

const DAY = 86_400_000;
/** "About to expire" means this close to the end: the author hears of it once. */
export const SILENCE_NOTICE_MS = 15 * 60_000;

export interface PagingDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  config: () => Config;
  /** Where links in notifications point (server.public_url, else the listen address); known after listen. */
  baseUrl: () => string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Each recorded send attempt (the app's metrics). */
  onDeliveryAttempt?: (outcome: SendOutcome) => void;
}

export type AlertHandler = (rule: AlertRef, event: AlertEvent<AlertRef>, heldBy: MuteReason | null) => Promise<void>;

/**
 * Everything between an alert transition and a person's phone: the pipeline (mute, inhibit,
 * dedup), escalation over schedules, and the outbox's delivery worker, plus the clock-driven
 * ticks that move them. Built once; reads the current config on every decision.
 */
export async function createPaging(deps: PagingDeps) {
  const { store, clock, logger, config } = deps;
  const directory = new OnCallDirectory({ config, store });
  const secret = await store.settings.setIfAbsent('calendar-feed-secret', randomBytes(32).toString('hex'));
  const feeds = new CalendarFeeds({ directory, secret, baseUrl: deps.baseUrl, clock });
  let notifiers = new Map<string, Notifier>();
  let silences: SilenceRecord[] = await store.silences.current(clock.now());
  const firing = new FiringSet();
  // Declared windows mute their services' alerts; a change through the API re-checks held escalations at once.
  const maintenance = new MaintenanceService({ store, clock, config, onChange: () => releaseHeld() });
  await maintenance.refresh();
  // Status-page subscribers are not config channels: their rows name "subscriber:<id>" and carry the address.
  const subscriberNotifier = subscriberNotifiers({ store, smtp: () => config().notifications.smtp, env: deps.env ?? process.env, timeoutMs: SEND_TIMEOUT_MS });

  const delivery = createDeliveryWorker({
    store, clock,
    notifierFor: (channel: string) => notifiers.get(channel) ?? subscriberNotifier(channel),
    retry: () => config().notifications.retry,
    fallbackChannel: () => config().notifications.fallback,
    owner: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    // A process killed mid-send holds its rows this long; then another (or the restarted one) sends them
    // again under the same key. Twice the send timeout, so a slow live send is never taken over.
    sendTimeoutMs: SEND_TIMEOUT_MS,
    leaseMs: 2 * SEND_TIMEOUT_MS,
    onError: (err: unknown) => logger.error({ err }, 'notification delivery failed'),
    onAttempt: deps.onDeliveryAttempt,
  });

  const escalation = new EscalationService({
    clock, config,
    // Inside a transaction only the transaction's repositories may be used (SQLite has one connection).
    onCallUser: async (scheduleId: string, at: number, tx?: StoreTransaction) => {
      const schedule = directory.schedule(scheduleId);
      if (!schedule) return null;
      const scoped = tx ? new OnCallDirectory({ config, store: tx }) : directory;
      return onCallAt(schedule, at, await scoped.extraOverrides(schedule, at - 90 * DAY, at + 90 * DAY))?.user ?? null;
    },
    consoleUrl: deps.baseUrl,
    onEnqueued: () => delivery.kick(),
  });

  const incidentEscalation: IncidentEscalation = escalation;

  let handler: AlertHandler = async () => {};
  const pipeline = buildPipeline<AlertRef>({
    muters: () => [maintenance.muter(), silenceMuter(silences)],
    inhibitRules: () => config().inhibitRules,
    firing,
    deliver: (event, context) => handler(event.payload, event, context.heldBy),
  });

  /** The labels an alert had when it fired: a check rule's from the config, another tool's from the store. */
  async function labelsOf(key: string, rules: Map<string, Parameters<typeof alertLabels>[0]>): Promise<Record<string, string>> {
    const rule = rules.get(key);
    if (rule) return { ...alertLabels(rule) };
    const external = await store.externalAlerts.get(key);
    return external ? externalAlertLabels(external) : { rule: key };
  }

  /** A held escalation resumes once nothing mutes its alert any more (a silence ended, the inhibiting alert cleared). */
  async function releaseHeld(): Promise<void> {
    const now = clock.now();
    const rules = new Map(config().services.flatMap((s) => s.alerts).map((r) => [r.id, r]));
    for (const held of await store.escalations.held()) {
      const incident = await store.incidents.get(held.incidentId);
      if (!incident || incident.key === null) continue;
      const labels = await labelsOf(incident.key, rules);
      if (pipeline.heldReason(labels, incident.key, now)) continue;
      await store.withTransaction((tx) => escalation.release(tx, incident.id, `${held.reason ?? 'the mute'} no longer applies`));
      logger.info({ incident: incident.id }, 'held notifications released');
    }
  }

  /** Each silence's author hears once that it is about to end; without such a user, the fallback channel does. */
  async function noticeExpiringSilences(): Promise<void> {
    const now = clock.now();
    for (const silence of silences) {
      if (silence.noticeSentAt !== null || !expiringSoon(silence, now, SILENCE_NOTICE_MS)) continue;
      await store.silences.markNoticeSent(silence.id, now);
      silence.noticeSentAt = now;
      const author = config().users.find((u) => u.id === silence.author);
      const channel = noticeChannel(author) ?? config().notifications.fallback;
      logger.info({ silence: silence.id, channel }, 'silence about to expire');
      if (!channel) continue;
      const text = `Silence #${silence.id} (${silence.comment}) ends at ${new Date(silence.endsAt).toISOString()}; alerts it mutes will notify again.`;
      await store.notifications.enqueue([{
        key: `silence:${silence.id}:expiring`, incidentId: null, channel, recipient: author?.id ?? null, createdAt: now, notBefore: now,
        message: {
          kind: 'notice', organization: config().organization, consoleUrl: deps.baseUrl(), incident: null, level: null, round: null,
          recipient: author ? { id: author.id, name: author.name } : null, text, deadLetter: null,
        },
      }]);
      delivery.kick();
    }
  }

  // Only a read newer than the one applied last is applied: a slow tick must not undo a fresh change.
  let silenceReads = 0;
  let silenceApplied = 0;
  async function refreshSilences(): Promise<void> {
    const ticket = ++silenceReads;
    const next = await store.silences.current(clock.now());
    if (ticket < silenceApplied) return;
    silenceApplied = ticket;
    silences = next;
  }

  const logError = (what: string) => (err: unknown) => logger.error({ err }, what);
  let ticks: { stop(): Promise<void> }[] = [];

  return {
    directory, feeds, pipeline, firing, escalation, incidentEscalation, delivery, maintenance,
    /** The app's last pipeline stage: open or update the incident (it needs the incident service, built after this). */
    onAlert(next: AlertHandler) {
      handler = next;
    },
    /** New channels from a (re)loaded config; a channel that fails to build is a config problem reported by the caller. */
    applyConfig(next: Config, env: Readonly<Record<string, string | undefined>> = deps.env ?? process.env) {
      notifiers = buildNotifiers(next, env);
    },
    async silencesChanged() {
      await refreshSilences();
      await releaseHeld();
    },
    start() {
      delivery.start();
      ticks = [
        every(clock, 1_000, async () => {
          if ((await escalation.runDue(store)) > 0) delivery.kick();
        }, logError('escalation tick failed')),
        every(clock, 5_000, async () => {
          await refreshSilences();
          await maintenance.refresh();
          await releaseHeld();
          await noticeExpiringSilences();
        }, logError('silence tick failed')),
      ];
    },
    async stop() {
      await Promise.all(ticks.map((t) => t.stop()));
      await delivery.stop();
    },
  };
}

export type Paging = Awaited<ReturnType<typeof createPaging>>;
