import { incidentLink } from '../incidents/index.ts';
import type { Config, NotificationRuleDef, UserDef } from '../config/config-types.ts';
import type { Incident } from '../incidents/index.ts';
import type { NotificationKind, NotificationMessage } from '../notify/notify-types.ts';
import type { NewNotification } from '../store/index.ts';
import { formatDuration } from '../time/index.ts';
import type { ResolvedTarget } from './target-resolve.ts';

export interface StepInput {
  config: Config;
  incident: Incident;
  round: number;
  level: number;
  kind: NotificationKind;
  targets: readonly ResolvedTarget[];
  now: number;
  consoleUrl: string;
  /**
   * Start of this run of the policy. It is part of every key: a reopened or reassigned incident
   * starts a new run whose "round 0, level 0" must page again rather than collide with the old keys.
   */
  runStartedAt: number;
}

export interface StepPlan {
  rows: NewNotification[];
  /** For the timeline: "Level 1: notified Ana Lima (schedule primary) via webhook, email after 5m". */
  summary: string;
  /** Who was reached and how, for the timeline event's data. */
  reached: Array<{ recipient: string; via: string; channels: string[] }>;
  /** Targets that reached nobody (empty schedule, unknown id, no contact methods). */
  missed: string[];
}

/** A level's resolved targets as outbox rows and a line for the timeline. Pure: same input, same rows. */
export function planStep(input: StepInput): StepPlan {
  const { config, incident, round, level } = input;
  const keyBase = `inc:${incident.id}:s${input.runStartedAt}:r${round}:l${level}`;
  const rows: NewNotification[] = [];
  const reached: StepPlan['reached'] = [];
  const missed: string[] = [];
  const parts: string[] = [];
  const seen = new Set<string>();

  const notifyUser = (userId: string, via: string | null): void => {
    // Reached twice in one step (on call and named directly): told once, credited to the first.
    if (seen.has(`user:${userId}`)) return;
    seen.add(`user:${userId}`);
    const user = config.users.find((u) => u.id === userId);
    const how = via ? ` (${via})` : '';
    if (!user) return void miss(`unknown user ${userId}${how}`);
    const rules = personalRules(user);
    if (rules.length === 0) return void miss(`${user.name}${how} has no contact methods`);
    const message = messageFor(input, { id: user.id, name: user.name });
    for (const rule of rules) {
      rows.push({
        key: `${keyBase}:${user.id}:${rule.channel}`, incidentId: incident.id, channel: rule.channel, recipient: user.id,
        message, createdAt: input.now, notBefore: input.now + rule.afterMs,
      });
    }
    reached.push({ recipient: user.id, via: via ?? 'direct', channels: rules.map((r) => r.channel) });
    parts.push(`notified ${user.name}${how} via ${rules.map(describeRule).join(', ')}`);
  };
  const miss = (text: string): void => {
    missed.push(text);
    parts.push(text);
  };

  for (const target of input.targets) {
    if (target.kind === 'schedule') {
      if (target.user === null) miss(`nobody on call for schedule ${target.id}`);
      else notifyUser(target.user, `schedule ${target.id}`);
    } else if (target.kind === 'user') {
      notifyUser(target.id, null);
    } else {
      if (seen.has(`channel:${target.id}`)) continue;
      seen.add(`channel:${target.id}`);
      if (!config.channels.some((c) => c.id === target.id)) {
        miss(`unknown channel ${target.id}`);
        continue;
      }
      rows.push({
        key: `${keyBase}:channel:${target.id}`, incidentId: incident.id, channel: target.id, recipient: null,
        message: messageFor(input, null), createdAt: input.now, notBefore: input.now,
      });
      reached.push({ recipient: `channel:${target.id}`, via: 'direct', channels: [target.id] });
      parts.push(`posted to channel ${target.id}`);
    }
  }
  const repeatNote = round > 0 ? ` (repeat ${round})` : '';
  const summary = `Level ${level + 1}${repeatNote}: ${parts.length > 0 ? parts.join('; ') : 'no targets'}`;
  return { rows, summary, reached, missed };
}

/** The config fills in "every contact at once" when a user writes no rules; an empty list is kept safe anyway. */
function personalRules(user: UserDef): NotificationRuleDef[] {
  const known = user.rules.filter((r) => user.contacts.some((c) => c.id === r.channel));
  if (user.rules.length > 0) return known;
  return user.contacts.map((c) => ({ channel: c.id, afterMs: 0 }));
}

/** "user:ana/email" after 5 minutes -> "email after 5m". */
function describeRule(rule: NotificationRuleDef): string {
  const name = rule.channel.slice(rule.channel.lastIndexOf('/') + 1);
  return rule.afterMs > 0 ? `${name} after ${formatDuration(rule.afterMs)}` : name;
}

function messageFor(input: StepInput, recipient: NotificationMessage['recipient']): NotificationMessage {
  const { incident } = input;
  const base = input.consoleUrl.replace(/\/+$/, '');
  return {
    kind: input.kind,
    organization: input.config.organization,
    consoleUrl: base,
    incident: {
      id: incident.id, title: incident.title, service: incident.service, severity: incident.severity,
      status: incident.status, openedAt: incident.openedAt, url: incidentLink(base, incident.id), runbook: incident.runbook,
    },
    level: input.level,
    round: input.round,
    recipient,
    text: null,
    deadLetter: null,
  };
}
