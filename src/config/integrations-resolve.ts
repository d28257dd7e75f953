import type { IntegrationDef, Severity } from './config-types.ts';
import type { ParsedRoot } from './root-schema.ts';
import { DEFAULT_RATE_PER_MINUTE, EVENTS_V2_SEVERITIES } from './section-integrations.ts';

/** The Events API v2 severities in order, mapped onto P1..P4 when those exist. */
const EVENTS_V2_DEFAULT_MAP: Record<(typeof EVENTS_V2_SEVERITIES)[number], string> = { critical: 'P1', error: 'P2', warning: 'P3', info: 'P4' };

/**
 * `integrations:` as IntegrationDef, defaults filled. Runs only when the tree is valid, so every
 * name resolves. What an unset default means:
 * - events_v2 severity_map: critical P1, error P2, warning P3, info P4, those that exist;
 *   alertmanager: empty (every alert takes default_severity unless a route sets one).
 * - default_severity: the last severity defined (the least urgent: an unknown severity should not page as P1).
 * - severity_label: "severity"; rate_limit: 120/min per routing key (PagerDuty's own).
 */
export function resolveIntegrations(root: ParsedRoot, severities: readonly Severity[]): IntegrationDef[] {
  const severityIds = new Set(severities.map((s) => s.id));
  return Object.entries(root.integrations ?? {}).map(([id, written]): IntegrationDef => {
    const type = written.events_v2 ? 'events_v2' : 'alertmanager';
    const block = written.events_v2 ?? written.alertmanager!;
    const defaultMap = type === 'events_v2'
      ? Object.fromEntries(Object.entries(EVENTS_V2_DEFAULT_MAP).filter(([, severity]) => severityIds.has(severity)))
      : {};
    return {
      id,
      type,
      service: block.service ?? null,
      keyEnv: block.routing_key_env ?? null,
      severityMap: block.severity_map ?? defaultMap,
      severityLabel: (written.alertmanager?.severity_label) ?? 'severity',
      defaultSeverity: block.default_severity ?? severities.at(-1)?.id ?? '',
      routes: (block.routes ?? []).map((r) => ({ matchers: r.match, service: r.service, severity: r.severity ?? null })),
      rateLimitPerMinute: block.rate_limit ?? DEFAULT_RATE_PER_MINUTE,
      escalation: block.escalation ?? null,
    };
  });
}
