import { noticeChannel } from '../notify/index.ts';
import { incidentLink } from '../incidents/index.ts';
import type { Config } from '../config/index.ts';
import type { Incident } from '../incidents/index.ts';
import type { NotificationMessage } from '../notify/index.ts';
import type { ActionItem, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { utc } from './markdown-text.ts';

export interface ReminderPlan {
  /** A ChannelDef id, or null when nobody can be reached (the timeline still says so). */
  channel: string | null;
  recipient: { id: string; name: string } | null;
  /** What the reminder and the timeline say. */
  text: string;
}

/**
 * Who hears of an overdue item: an owner who is a user with contacts, through their first rule's
 * channel (the one they are reached on first); anyone else (free text, a team) through
 * notifications.fallback. Pure.
 */
export function reminderPlan(item: ActionItem, incident: Incident, config: Config): ReminderPlan {
  const userId = item.owner.replace(/^user:/, '');
  const user = config.users.find((u) => u.id === userId);
  const own = noticeChannel(user);
  const channel = own ?? config.notifications.fallback;
  const text = `Action item #${item.id} from the post-mortem of incident #${incident.id} (${incident.title}) was due ${utc(item.dueAt!)} and is not done: "${item.title}" (owner: ${item.owner}).`;
  return { channel, recipient: own && user ? { id: user.id, name: user.name } : null, text };
}

export interface ReminderDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  /** Base URL of the console, for the link in the message. */
  consoleUrl: () => string;
}

function message(plan: ReminderPlan, incident: Incident, config: Config, consoleUrl: string): NotificationMessage {
  const url = `${incidentLink(consoleUrl, incident.id)}/postmortem`;
  return {
    kind: 'notice', organization: config.organization, consoleUrl,
    incident: {
      id: incident.id, title: incident.title, service: incident.service, severity: incident.severity,
      status: incident.status, openedAt: incident.openedAt, url, runbook: incident.runbook,
    },
    level: null, round: null, recipient: plan.recipient, text: `${plan.text}\n${url}`, deadLetter: null,
  };
}

/**
 * Reminds once of every overdue action item. Each reminder's outbox row, the item's remindedAt and
 * the timeline note commit together; the row's key makes a second process's attempt a no-op, and
 * only the process whose row went in writes the note. Returns how many items it handled.
 */
export async function remindOverdueActions(deps: ReminderDeps): Promise<number> {
  const now = deps.clock.now();
  const config = deps.config();
  let handled = 0;
  for (const item of await deps.store.postmortems.overdue(now)) {
    const incident = await deps.store.incidents.get(item.incidentId);
    if (!incident) continue;
    const plan = reminderPlan(item, incident, config);
    await deps.store.withTransaction(async (tx) => {
      // Not tied to the incident's row: acknowledging a reopened incident cancels its pending pages, not this.
      const inserted = plan.channel === null ? [] : await tx.notifications.enqueue([{
        key: `action-overdue:${item.id}`, incidentId: null, channel: plan.channel, recipient: plan.recipient?.id ?? null,
        message: message(plan, incident, config, deps.consoleUrl()), createdAt: now, notBefore: now,
      }]);
      await tx.postmortems.updateAction(item.id, { remindedAt: now });
      if (plan.channel !== null && inserted.length === 0) return;
      await tx.incidents.addEvent(incident.id, {
        at: now, kind: 'reminder', actor: 'system',
        message: plan.channel === null
          ? `${plan.text} Nobody could be reminded: the owner is not a user with contacts and notifications.fallback is not set.`
          : `Reminder sent to ${plan.recipient?.name ?? 'the fallback channel'} (${plan.channel}): ${plan.text}`,
        data: { action: item.id, channel: plan.channel },
      });
    });
    handled++;
  }
  return handled;
}
