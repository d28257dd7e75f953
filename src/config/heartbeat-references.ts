import type { Problem, TreePath } from './source-map.ts';
import { unknownName } from './oncall-references.ts';
import { isRecord, mapOrEmpty as entries } from './value-describe.ts';

/**
 * What a heartbeat names, read from the merged tree as written (as config-references.ts does):
 * its service, severity and escalation policy. A heartbeat's alert needs a severity, so with no
 * severities defined at all that is refused too.
 */
export function checkHeartbeatReferences(tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const ids = {
    service: Object.keys(entries(root['services'])),
    severity: Object.keys(entries(root['severities'])),
    'escalation policy': Object.keys(entries(root['escalation_policies'])),
  };
  const ref = (kind: keyof typeof ids, plural: string, section: string, path: TreePath, name: unknown) => {
    if (typeof name === 'string' && !ids[kind].includes(name)) problems.push({ path, target: 'value', message: unknownName(kind, plural, section, name, ids[kind]) });
  };
  for (const [heartbeatId, written] of Object.entries(entries(root['heartbeats']))) {
    if (!isRecord(written)) continue;
    const at = ['heartbeats', heartbeatId];
    ref('service', 'services', 'services', [...at, 'service'], written['service']);
    ref('severity', 'severities', 'severities', [...at, 'severity'], written['severity']);
    ref('escalation policy', 'policies', 'escalation_policies', [...at, 'escalation'], written['escalation']);
    if (ids.severity.length === 0 && written['severity'] === undefined) {
      problems.push({ path: at, target: 'key', message: 'a heartbeat\'s alert needs a severity, and no severities are defined; add them under severities:' });
    }
  }
  return problems;
}
