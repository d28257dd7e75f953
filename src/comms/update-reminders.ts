import { noticeChannel } from '../notify/index.ts';
import { incidentLink } from '../incidents/index.ts';
import type { Config } from '../config/index.ts';
import { resolvePolicy } from '../escalation/index.ts';
import type { Incident } from '../incidents/index.ts';
import { onCallAt, type OnCallDirectory } from '../oncall/index.ts';
import type { NewNotification, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { formatDuration } from '../time/index.ts';
import { formatUtcMinute } from './utc-minute.ts';
import { commanderOf, policyContacts, reminderTarget, type ReminderTarget } from './reminder-target.ts';
import { reminderKey, updateCadence } from './update-cadence.ts';

const DAY = 86_400_000;

export interface UpdateReminderDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  directory: OnCallDirectory;
  consoleUrl: () => string;
  queued?: () => void;
}

/**
 * The clock-driven half of the update cadence: every incident whose public update is overdue
 * reminds its commander (or its on-call, or the fallback channel) once per due time. The outbox
 * key makes "once" hold across restarts and processes; the timeline event is written by whoever
 * queued the row. A new public update moves the due time, and with it the key.
 */
export class UpdateReminders {
  readonly #deps: UpdateReminderDeps;

  constructor(deps: UpdateReminderDeps) {
    this.#deps = deps;
  }

  /** Returns how many reminders were recorded by this run. */
  async run(): Promise<number> {
    const { store, clock, config } = this.#deps;
    const now = clock.now();
    const open = await store.incidents.unresolved();
    if (open.length === 0) return 0;
    const latest = await store.statusUpdates.latestPublic(open.map((i) => i.id));
    let recorded = 0;
    for (const incident of open) {
      const everyMs = config().severities.find((s) => s.id === incident.severity)?.updateEveryMs ?? null;
      const cadence = updateCadence(incident, latest.get(incident.id)?.at ?? null, everyMs, now);
      if (cadence?.overdueSince == null) continue;
      if (await this.#remind(incident, cadence.overdueSince, cadence.everyMs, now)) recorded++;
    }
    return recorded;
  }

  async #remind(incident: Incident, dueAt: number, everyMs: number, now: number): Promise<boolean> {
    const { store } = this.#deps;
    const timeline = await store.incidents.timeline(incident.id);
    if (timeline.some((e) => e.kind === 'reminder' && e.data?.dueAt === dueAt)) return false;
    const target = await this.#target(incident, timeline, now);
    const row = this.#row(incident, target, dueAt, everyMs, now);
    const queued = row ? await store.notifications.enqueue([row]) : [];
    // Someone else queued this reminder (another process, or this one before a restart): their event stands.
    if (row && queued.length === 0) return false;
    const who = target.kind === 'user' ? `${target.user} (${target.why})` : target.kind === 'channel' ? `channel ${target.channel} (fallback)` : 'nobody (no commander, nobody on call, no fallback channel)';
    await store.incidents.addEvent(incident.id, {
      at: now, kind: 'reminder', actor: 'system',
      message: `Public update overdue since ${formatUtcMinute(dueAt)} (every ${formatDuration(everyMs)}): reminded ${who}`,
      data: { dueAt, target, notification: row?.key ?? null, channel: row?.channel ?? null },
    });
    if (row) this.#deps.queued?.();
    return true;
  }

  async #target(incident: Incident, timeline: Parameters<typeof commanderOf>[0], now: number): Promise<ReminderTarget> {
    const config = this.#deps.config();
    const isUser = (id: string) => config.users.some((u) => u.id === id);
    const escalation = await this.#deps.store.escalations.get(incident.id);
    const contacts = policyContacts(escalation ? resolvePolicy(config, escalation.policy) : null);
    const onCall = new Map<string, string | null>();
    for (const contact of contacts) {
      if (contact.kind !== 'schedule' || onCall.has(contact.id)) continue;
      const schedule = this.#deps.directory.schedule(contact.id);
      const overrides = schedule ? await this.#deps.directory.extraOverrides(schedule, now - 90 * DAY, now + 90 * DAY) : [];
      onCall.set(contact.id, schedule ? (onCallAt(schedule, now, overrides)?.user ?? null) : null);
    }
    return reminderTarget({ commander: commanderOf(timeline, isUser), contacts, onCall, fallback: config.notifications.fallback });
  }

  /** A person hears it on their first contact method (as with a silence's expiry notice); no incident id, so an acknowledgement does not cancel it. */
  #row(incident: Incident, target: ReminderTarget, dueAt: number, everyMs: number, now: number): NewNotification | null {
    const config = this.#deps.config();
    const user = target.kind === 'user' ? config.users.find((u) => u.id === target.user) : undefined;
    const channel = target.kind === 'channel' ? target.channel : noticeChannel(user);
    if (channel === null) return null;
    const base = this.#deps.consoleUrl().replace(/\/+$/, '');
    return {
      key: reminderKey(incident.id, dueAt), incidentId: null, channel, recipient: user?.id ?? null, createdAt: now, notBefore: now,
      message: {
        kind: 'notice', organization: config.organization, consoleUrl: base,
        incident: {
          id: incident.id, title: incident.title, service: incident.service, severity: incident.severity, status: incident.status,
          openedAt: incident.openedAt, url: incidentLink(base, incident.id), runbook: incident.runbook,
        },
        level: null, round: null, recipient: user ? { id: user.id, name: user.name } : null, deadLetter: null,
        text: `Public status update due for incident #${incident.id} (${incident.severity}, every ${formatDuration(everyMs)}): overdue since ${formatUtcMinute(dueAt)}. `
          + `Post one from the console or with: opsdeck updates post ${incident.id} --public --template customer-update`,
      },
    };
  }
}
