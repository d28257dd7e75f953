import { parseWhen } from '../rules/when.ts';
import type { Problem } from './source-map.ts';
import { suggestion } from './name-suggest.ts';
import { mapOrEmpty as entries } from './value-describe.ts';

/**
 * Cross-references: an alert's `when` names a check, its `severity` a
 * severity. Read from the merged tree as written, not from the schema's
 * output, so a broken reference is reported even when some other part of
 * the config is also wrong. A reference to something that exists but is
 * itself invalid is not reported again.
 */
export function checkReferences(tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const severityIds = Object.keys(entries(root['severities']));
  const services = entries(root['services']);

  for (const [serviceId, service] of Object.entries(services)) {
    for (const [alertId, alert] of Object.entries(entries(entries(service)['alerts']))) {
      const path = ['services', serviceId, 'alerts', alertId];
      const { when, severity } = entries(alert);
      if (typeof when === 'string') {
        const parsed = parseWhen(when);
        if (parsed.ok) {
          const missing = missingCheck(parsed.when.check, serviceId, services);
          if (missing) problems.push({ path: [...path, 'when'], target: 'value', message: missing.message, column: parsed.checkColumn + missing.at });
        }
      }
      if (typeof severity === 'string' && !severityIds.includes(severity)) {
        const defined = severityIds.length ? `defined: ${severityIds.join(', ')}` : 'none are defined; add them under severities:';
        problems.push({ path: [...path, 'severity'], target: 'value', message: `unknown severity "${severity}"${suggestion(severity, severityIds)}; ${defined}` });
      }
    }
  }
  return problems;
}

/** `health` means a check of the alert's own service; `db/primary` a check of another. */
export function resolveCheckRef(ref: string, serviceId: string): { service: string; check: string } {
  const slash = ref.indexOf('/');
  return slash < 0 ? { service: serviceId, check: ref } : { service: ref.slice(0, slash), check: ref.slice(slash + 1) };
}

/** What is wrong with a check reference, and where in it (0 for the service part, after the slash for the check). */
function missingCheck(ref: string, serviceId: string, services: Record<string, unknown>): { message: string; at: number } | null {
  const { service, check } = resolveCheckRef(ref, serviceId);
  if (!Object.hasOwn(services, service)) {
    const ids = Object.keys(services);
    return { message: `unknown service "${service}" in "${ref}"${suggestion(service, ids)}; services: ${ids.join(', ')}`, at: 0 };
  }
  const at = ref.length - check.length;
  const checkIds = Object.keys(entries(entries(services[service])['checks']));
  if (checkIds.includes(check)) return null;
  const owner = `service ${service}`;
  if (checkIds.length === 0) return { message: `unknown check "${check}"; ${owner} has no checks`, at };
  return { message: `unknown check "${check}"${suggestion(check, checkIds)}; checks of ${owner}: ${checkIds.join(', ')}`, at };
}
