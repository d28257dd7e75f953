import type { Config, EscalationPolicyDef } from '../config/config-types.ts';

/** The rule's policy, else the severity's, else the configured default; null: nobody is paged. */
export function choosePolicy(config: Config, ruleEscalation: string | null, severity: string): string | null {
  return ruleEscalation ?? config.severities.find((s) => s.id === severity)?.escalation ?? config.notifications.defaultPolicy;
}

/**
 * An incident reassigned to one person follows a policy of its own: that person, at once, once.
 * Its id ("user:<id>") is what the escalation record stores, so the policy is rebuilt from the
 * current config after a restart, like any other.
 */
const USER_POLICY_PREFIX = 'user:';

export function userPolicyId(userId: string): string {
  return `${USER_POLICY_PREFIX}${userId}`;
}

/** The policy an escalation record names, or null when the config no longer has it (or its user). */
export function resolvePolicy(config: Config, policyId: string): EscalationPolicyDef | null {
  if (policyId.startsWith(USER_POLICY_PREFIX)) {
    const userId = policyId.slice(USER_POLICY_PREFIX.length);
    if (!config.users.some((u) => u.id === userId)) return null;
    return { id: policyId, levels: [{ afterMs: 0, targets: [{ kind: 'user', id: userId }] }], repeat: 0, repeatAfterMs: 0 };
  }
  return config.escalationPolicies.find((p) => p.id === policyId) ?? null;
}
