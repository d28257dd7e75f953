import { isQueryWhen, QUERY_PREFIX } from '../prometheus/index.ts';
import { unknownName } from './oncall-references.ts';
import type { Problem } from './source-map.ts';
import { isRecord, mapOrEmpty as entries } from './value-describe.ts';

const EXAMPLE = 'prom: { prometheus: { url: "http://127.0.0.1:9090" } }';

/**
 * What PromQL rules and `prometheus` checks read from: a datasource that exists. A rule may leave
 * `datasource:` out only when exactly one is defined, so adding a second datasource later is a
 * load error pointing at every rule that must now choose, not a silent change of where they read.
 * Read from the merged tree as written, as config-references.ts does.
 */
export function checkDatasourceReferences(tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const defined = Object.keys(entries(root['datasources']));
  const unknown = (name: string) => unknownName('datasource', 'datasources', 'datasources', name, defined);

  for (const [serviceId, service] of Object.entries(entries(root['services']))) {
    for (const [alertId, alert] of Object.entries(entries(entries(service)['alerts']))) {
      const { when, datasource } = entries(alert);
      if (typeof when !== 'string' || !isQueryWhen(when)) continue;
      const path = ['services', serviceId, 'alerts', alertId];
      if (typeof datasource === 'string') {
        if (!defined.includes(datasource)) problems.push({ path: [...path, 'datasource'], target: 'value', message: unknown(datasource) });
      } else if (datasource === undefined && defined.length !== 1) {
        const message = defined.length === 0
          ? `a PromQL rule needs a datasource, and none is defined; add one under datasources:, like ${EXAMPLE}`
          : `several datasources are defined (${defined.join(', ')}); say which one this rule reads with datasource:`;
        problems.push({ path: [...path, 'when'], target: 'value', message, column: when.indexOf(QUERY_PREFIX) });
      }
    }
    for (const [checkId, check] of Object.entries(entries(entries(service)['checks']))) {
      const block = entries(check)['prometheus'];
      if (!isRecord(block)) continue;
      const path = ['services', serviceId, 'checks', checkId, 'prometheus'];
      const { datasource, url } = block;
      if (typeof datasource === 'string' && !defined.includes(datasource)) problems.push({ path: [...path, 'datasource'], target: 'value', message: unknown(datasource) });
      if (datasource !== undefined && url !== undefined) problems.push({ path: [...path, 'url'], target: 'key', message: 'give either datasource or url, not both' });
    }
  }
  return problems;
}
