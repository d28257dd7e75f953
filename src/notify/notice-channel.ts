import type { UserDef } from '../config/index.ts';

/**
 * Where a one-off notice to a person goes (a silence about to end, an overdue update or action
 * item): the channel of their first notification rule, else their first contact method. Pages go
 * through every rule (src/escalation); a reminder needs to reach them once.
 */
export function noticeChannel(user: UserDef | undefined): string | null {
  return user?.rules[0]?.channel ?? user?.contacts[0]?.id ?? null;
}
