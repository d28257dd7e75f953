import { isValidZone } from '../calendar/index.ts';
import { checkOverrideTimes } from './override-check.ts';
import type { Problem, TreePath } from './source-map.ts';
import { suggestion } from './name-suggest.ts';
import type { ChannelCatalog } from './channel-catalog.ts';
import { EMAIL_TYPE } from './section-users.ts';
import { parseTarget } from './section-escalation.ts';
import { isRecord, mapOrEmpty as entries } from './value-describe.ts';

/** Beyond this many names a message says how many more, rather than printing a team of 300. */
const LISTED = 20;

/** `unknown user "chn" (did you mean "chen"?); users defined: ana, ben, chen`. */
export function unknownName(kind: string, plural: string, section: string, name: string, defined: readonly string[]): string {
  if (defined.length === 0) return `unknown ${kind} "${name}"; no ${plural} are defined; add them under ${section}:`;
  const shown = defined.slice(0, LISTED).join(', ') + (defined.length > LISTED ? ` and ${defined.length - LISTED} more` : '');
  return `unknown ${kind} "${name}"${suggestion(name, defined)}; ${plural} defined: ${shown}`;
}

/**
 * The on-call cross-references, read from the merged tree as written (as
 * config-references.ts does, so they are reported alongside schema
 * problems): schedule members and override users, policy targets, `via`
 * contacts, the policies severities and alerts name, the fallback channel
 * and default policy. Plus the checks that need more than one value: a user
 * who can be reached, overrides that neither run backwards nor overlap.
 */
export function checkOnCallReferences(tree: unknown, channelCatalog: ChannelCatalog): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const users = entries(root['users']);
  const schedules = entries(root['schedules']);
  const policies = entries(root['escalation_policies']);
  const channels = entries(root['channels']);
  const ids = { user: Object.keys(users), schedule: Object.keys(schedules), policy: Object.keys(policies), channel: Object.keys(channels) };
  const userRef = (path: TreePath, name: unknown) => {
    if (typeof name === 'string' && !Object.hasOwn(users, name)) problems.push({ path, target: 'value', message: unknownName('user', 'users', 'users', name, ids.user) });
  };
  const policyRef = (path: TreePath, name: unknown) => {
    if (typeof name === 'string' && !Object.hasOwn(policies, name)) {
      problems.push({ path, target: 'value', message: unknownName('escalation policy', 'policies', 'escalation_policies', name, ids.policy) });
    }
  };

  for (const [userId, user] of Object.entries(users)) problems.push(...checkUser(userId, user, channelCatalog));

  for (const [scheduleId, schedule] of Object.entries(schedules)) {
    const own = entries(schedule);
    const path = ['schedules', scheduleId];
    const layers = Array.isArray(own['layers']) ? own['layers'].map((layer, i) => ({ at: [...path, 'layers', i], layer: entries(layer) })) : [{ at: path, layer: own }];
    for (const { at, layer } of layers) {
      if (Array.isArray(layer['members'])) layer['members'].forEach((member, k) => userRef([...at, 'members', k], member));
    }
    if (Array.isArray(own['overrides'])) {
      own['overrides'].forEach((override, i) => userRef([...path, 'overrides', i, 'user'], entries(override)['user']));
      const zone = [own['timezone'], root['timezone'], 'UTC'].find((z) => z !== undefined);
      if (typeof zone === 'string' && isValidZone(zone)) problems.push(...checkOverrideTimes(path, own['overrides'], zone));
    }
  }

  for (const [policyId, policy] of Object.entries(policies)) {
    const levels = entries(policy)['levels'];
    if (!Array.isArray(levels)) continue;
    levels.forEach((level, i) => {
      const notify = entries(level)['notify'];
      if (!Array.isArray(notify)) return;
      notify.forEach((written, j) => {
        if (typeof written !== 'string') return;
        const parsed = parseTarget(written);
        if (!parsed.ok) return;
        const { kind, id } = parsed.target;
        if (ids[kind].includes(id)) return;
        const path = ['escalation_policies', policyId, 'levels', i, 'notify', j];
        problems.push({ path, target: 'value', column: parsed.idColumn, message: unknownName(kind, `${kind}s`, `${kind}s`, id, ids[kind]) });
      });
    });
  }

  for (const [severityId, severity] of Object.entries(entries(root['severities']))) {
    policyRef(['severities', severityId, 'escalation'], entries(severity)['escalation']);
  }
  for (const [serviceId, service] of Object.entries(entries(root['services']))) {
    for (const [alertId, alert] of Object.entries(entries(entries(service)['alerts']))) {
      policyRef(['services', serviceId, 'alerts', alertId, 'escalation'], entries(alert)['escalation']);
    }
  }

  const notifications = entries(root['notifications']);
  if (notifications['smtp'] === undefined && channelCatalog.types.has(EMAIL_TYPE)) problems.push(...emailWithoutSmtp(users, channels));
  policyRef(['notifications', 'default_policy'], notifications['default_policy']);
  const fallback = notifications['fallback'];
  if (typeof fallback === 'string' && !Object.hasOwn(channels, fallback)) {
    problems.push({ path: ['notifications', 'fallback'], target: 'value', message: unknownName('channel', 'channels', 'channels', fallback, ids.channel) });
  }
  return problems;
}

/**
 * Someone nobody can reach would be paged into the void; `via` must name one
 * of their own contacts. `email:` is a contact only when an email channel
 * type exists to send through.
 */
function checkUser(userId: string, user: unknown, channelCatalog: ChannelCatalog): Problem[] {
  const emailContacts = channelCatalog.types.has(EMAIL_TYPE);
  if (!isRecord(user)) return [];
  const own = entries(user);
  const path = ['users', userId];
  const contacts = Object.keys(entries(own['contact'])).filter((type) => channelCatalog.types.has(type));
  if (emailContacts && own['email'] !== undefined && !contacts.includes(EMAIL_TYPE)) contacts.push(EMAIL_TYPE);
  if (contacts.length === 0) {
    const message = own['email'] === undefined
      ? `user "${userId}" cannot be reached: expected email: or at least one method under contact:, found neither`
      : `user "${userId}" cannot be reached: email: needs the email channel type, which is not registered; add a method under contact:`;
    return [{ path, target: 'key', message }];
  }
  const problems: Problem[] = [];
  const rules = own['notify'];
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      const via = entries(rule)['via'];
      if (typeof via !== 'string' || contacts.includes(via)) return;
      problems.push({ path: [...path, 'notify', i, 'via'], target: 'value', message: `unknown contact "${via}"${suggestion(via, contacts)}; ${userId}'s contacts: ${contacts.join(', ')}` });
    });
  }
  return problems;
}

/**
 * Email goes out through notifications.smtp. Without it every email would fail at 03:00 and only
 * show up as a dead letter, so each place that sends email is a config error instead.
 */
function emailWithoutSmtp(users: Record<string, unknown>, channels: Record<string, unknown>): Problem[] {
  const message = (what: string) => `${what} is sent through notifications.smtp, which is not configured; add notifications: { smtp: { host: ..., from: ... } } or use another channel`;
  const problems: Problem[] = [];
  for (const [channelId, channel] of Object.entries(channels)) {
    if (Object.hasOwn(entries(channel), EMAIL_TYPE)) problems.push({ path: ['channels', channelId, EMAIL_TYPE], target: 'key', message: message(`channel "${channelId}"`) });
  }
  for (const [userId, user] of Object.entries(users)) {
    const own = entries(user);
    if (Object.hasOwn(entries(own['contact']), EMAIL_TYPE)) problems.push({ path: ['users', userId, 'contact', EMAIL_TYPE], target: 'key', message: message(`${userId}'s email contact`) });
    else if (own['email'] !== undefined) problems.push({ path: ['users', userId, 'email'], target: 'key', message: message(`${userId}'s email`) });
  }
  return problems;
}
