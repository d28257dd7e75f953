import type { Problem, TreePath } from './source-map.ts';
import { unknownName } from './oncall-references.ts';
import { isRecord, mapOrEmpty as entries } from './value-describe.ts';

/**
 * What an integration names, read from the merged tree as written (as config-references.ts does):
 * services (its own and each route's), severities (the map's values, the default, a route's) and
 * its escalation policy. Two integrations reading one environment variable would share a key, so
 * a sender could not be told apart: that is refused too.
 */
const TYPES = ['events_v2', 'alertmanager'] as const;

export function checkIntegrationReferences(tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const ids = {
    service: Object.keys(entries(root['services'])),
    severity: Object.keys(entries(root['severities'])),
    policy: Object.keys(entries(root['escalation_policies'])),
  };
  const ref = (kind: keyof typeof ids, plural: string, section: string) => (path: TreePath, name: unknown) => {
    if (typeof name === 'string' && !ids[kind].includes(name)) problems.push({ path, target: 'value', message: unknownName(kind === 'policy' ? 'escalation policy' : kind, plural, section, name, ids[kind]) });
  };
  const serviceRef = ref('service', 'services', 'services');
  const severityRef = ref('severity', 'severities', 'severities');
  const policyRef = ref('policy', 'policies', 'escalation_policies');
  const envUsers = new Map<string, string>();

  for (const [integrationId, written] of Object.entries(entries(root['integrations']))) {
    if (!isRecord(written)) continue;
    const given = TYPES.filter((type) => written[type] !== undefined);
    // A misspelt type is reported by the schema as an unknown key; "found neither" would say it twice.
    if (given.length !== 1 && Object.keys(written).length === given.length) {
      const found = given.length === 0 ? 'found neither' : 'found both; declare two integrations';
      problems.push({ path: ['integrations', integrationId], target: 'key', message: `expected one of events_v2: { ... } or alertmanager: { ... }, ${found}` });
    }
    for (const type of given) {
      const block = written[type];
      if (!isRecord(block)) continue;
      const path = ['integrations', integrationId, type];
      // Without either, an alert no route matched would have nowhere to go.
      if (block['service'] === undefined && !(Array.isArray(block['routes']) && block['routes'].length > 0)) {
        problems.push({ path, target: 'key', message: 'expected service: (where alerts go) or routes: (label matchers that choose a service), found neither' });
      }
      serviceRef([...path, 'service'], block['service']);
      for (const [sent, severity] of Object.entries(entries(block['severity_map']))) severityRef([...path, 'severity_map', sent], severity);
      severityRef([...path, 'default_severity'], block['default_severity']);
      policyRef([...path, 'escalation'], block['escalation']);
      if (Array.isArray(block['routes'])) {
        block['routes'].forEach((route, i) => {
          serviceRef([...path, 'routes', i, 'service'], entries(route)['service']);
          severityRef([...path, 'routes', i, 'severity'], entries(route)['severity']);
        });
      }
      // An alert needs a severity even when the sender's is not in the map.
      if (ids.severity.length === 0 && block['default_severity'] === undefined) {
        problems.push({ path, target: 'key', message: 'alerts from this integration need a severity, and no severities are defined; add them under severities:' });
      }
      const env = block['routing_key_env'];
      if (typeof env === 'string') {
        const other = envUsers.get(env);
        if (other) problems.push({ path: [...path, 'routing_key_env'], target: 'value', message: `${env} is the routing key of integration "${other}" already; each integration needs a key of its own` });
        else envUsers.set(env, integrationId);
      }
    }
  }
  return problems;
}
