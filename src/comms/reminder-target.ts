import type { EscalationPolicyDef } from '../config/index.ts';
import type { TimelineEvent } from '../incidents/index.ts';

/** Who hears that a public update is due: a person (with how they were chosen), the fallback channel, or nobody. */
export type ReminderTarget =
  | { kind: 'user'; user: string; why: 'commander' | 'on call' }
  | { kind: 'channel'; channel: string }
  | { kind: 'nobody' };

/**
 * The incident commander: whoever last took the incident on. An acknowledgement (or a first
 * responder status) by a token named like a user makes that user the commander; a reassignment
 * to a user hands it to them, and one to a policy hands it back to that policy's on-call.
 */
export function commanderOf(timeline: readonly TimelineEvent[], isUser: (id: string) => boolean): string | null {
  let commander: string | null = null;
  for (const event of timeline) {
    const data = event.data ?? {};
    if (event.kind === 'status' && data.from === 'triggered' && data.to !== 'resolved') {
      const name = event.actor.startsWith('token:') ? event.actor.slice('token:'.length) : null;
      if (name !== null && isUser(name)) commander = name;
    } else if (event.kind === 'escalation' && typeof data.user === 'string') {
      commander = isUser(data.user) ? data.user : null;
    } else if (event.kind === 'escalation' && typeof data.policy === 'string') {
      commander = null;
    }
  }
  return commander;
}

/** The schedules and people of a policy in the order it pages them: the first that yields a person is "the on-call". */
export function policyContacts(policy: EscalationPolicyDef | null): { kind: 'schedule' | 'user'; id: string }[] {
  if (!policy) return [];
  return policy.levels.flatMap((level) => level.targets.filter((t) => t.kind !== 'channel').map((t) => ({ kind: t.kind as 'schedule' | 'user', id: t.id })));
}

/**
 * The commander, else the first person the incident's policy reaches now, else the fallback
 * channel. `onCall` holds the looked-up on-call person of each of the policy's schedules. Pure.
 */
export function reminderTarget(input: {
  commander: string | null;
  contacts: readonly { kind: 'schedule' | 'user'; id: string }[];
  onCall: ReadonlyMap<string, string | null>;
  fallback: string | null;
}): ReminderTarget {
  if (input.commander !== null) return { kind: 'user', user: input.commander, why: 'commander' };
  for (const contact of input.contacts) {
    const user = contact.kind === 'user' ? contact.id : (input.onCall.get(contact.id) ?? null);
    if (user !== null) return { kind: 'user', user, why: 'on call' };
  }
  return input.fallback !== null ? { kind: 'channel', channel: input.fallback } : { kind: 'nobody' };
}
