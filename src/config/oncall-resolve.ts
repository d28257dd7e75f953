import { parseInstant } from '../calendar/index.ts';
import type { ChannelDef, Config, EscalationPolicyDef, InhibitRuleDef, NotificationSettings, ScheduleDef, UserDef } from './config-types.ts';
import type { ParsedRoot } from './root-schema.ts';
import { EMAIL_TYPE } from './section-users.ts';

type OnCall = Pick<Config, 'users' | 'schedules' | 'escalationPolicies' | 'channels' | 'notifications' | 'inhibitRules'>;

/** The policy incidents follow when neither their rule nor their severity names one, unless notifications.default_policy says otherwise. */
export const DEFAULT_POLICY = 'default';

/**
 * The on-call part of the Config: contacts become channels with global ids
 * ("user:ana/email"), zones and rules get their defaults, override times
 * become instants in their schedule's zone. Runs only on a valid tree.
 */
export function resolveOnCall(root: ParsedRoot): OnCall {
  const users: UserDef[] = Object.entries(root.users ?? {}).map(([id, u]) => {
    const contacts: ChannelDef[] = (u.contact ?? []).map((c) => ({ id: contactId(id, c.type), type: c.type, typeConfig: c.typeConfig }));
    // contact.email, when written, is the email contact; `email:` then stays only the address shown.
    const mail = u.email?.contact;
    if (mail && !contacts.some((c) => c.type === EMAIL_TYPE)) contacts.push({ id: contactId(id, EMAIL_TYPE), ...mail });
    const rules = u.notify?.map((r) => ({ channel: contactId(id, r.via), afterMs: r.after })) ?? contacts.map((c) => ({ channel: c.id, afterMs: 0 }));
    return { id, name: u.name ?? id, timezone: u.timezone ?? root.timezone, email: u.email?.address ?? null, phone: u.phone ?? null, contacts, rules };
  });

  const schedules: ScheduleDef[] = Object.entries(root.schedules ?? {}).map(([id, s]) => {
    const timezone = s.timezone ?? root.timezone;
    const overrides = s.overrides.map((o) => ({ user: o.user, from: instant(o.from, timezone), to: instant(o.to, timezone) }));
    return { id, name: s.name ?? id, timezone, layers: s.layers, overrides };
  });

  const escalationPolicies: EscalationPolicyDef[] = Object.entries(root.escalation_policies ?? {}).map(([id, p]) => ({
    id,
    levels: p.levels.map((l) => ({ afterMs: l.after, targets: l.notify })),
    repeat: p.repeat,
    repeatAfterMs: p.repeat_after,
  }));

  const channels: ChannelDef[] = Object.entries(root.channels ?? {}).map(([id, c]) => ({ id, type: c.type, typeConfig: c.typeConfig }));

  const n = root.notifications;
  const notifications: NotificationSettings = {
    smtp: n.smtp
      ? { host: n.smtp.host, port: n.smtp.port, secure: n.smtp.secure, starttls: n.smtp.starttls, tlsVerify: n.smtp.tls_verify, user: n.smtp.user ?? null, passwordEnv: n.smtp.password_env ?? null, from: n.smtp.from }
      : null,
    retry: { initialMs: n.retry.initial, maxDelayMs: n.retry.max_delay, maxAgeMs: n.retry.max_age },
    fallback: n.fallback ?? null,
    defaultPolicy: n.default_policy ?? (escalationPolicies.some((p) => p.id === DEFAULT_POLICY) ? DEFAULT_POLICY : null),
  };

  const inhibitRules: InhibitRuleDef[] = (root.inhibit ?? []).map((r) => ({ source: r.source, target: r.target, equal: r.equal }));
  return { users, schedules, escalationPolicies, channels, notifications, inhibitRules };
}

/** "user:ana/email": unique across users and apart from channels: names, which are plain ids. */
export function contactId(user: string, contact: string): string {
  return `user:${user}/${contact}`;
}

function instant(written: string, zone: string): number {
  const parsed = parseInstant(written, zone);
  // The schema and the override checks accepted it already.
  if (!parsed.ok) throw new Error(`override time "${written}" passed validation but does not parse: ${parsed.message}`);
  return parsed.value;
}
