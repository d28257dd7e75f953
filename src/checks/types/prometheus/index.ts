import { z } from 'zod';
import type { CheckType, Probe } from '../../check-type.ts';
import { PrometheusClient, formatSampleValue } from '../../../prometheus/index.ts';
import type { PromResult } from '../../../prometheus/index.ts';

const schema = z
  .strictObject({
    /** A datasource id; the loader copies its url and headers in (url, headers below), so create() needs nothing else. */
    datasource: z.string().min(1).optional(),
    /** A Prometheus base URL, for a check that names no datasource. */
    url: z.string().refine((t) => /^https?:\/\//.test(t) && URL.canParse(t), { error: 'expected the Prometheus base URL, like http://127.0.0.1:9090' }).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    query: z.string().trim().min(1, { error: 'expected a PromQL expression that returns one series, like up{job="api"}' }),
  })
  .refine((c) => c.datasource !== undefined || c.url !== undefined, { error: 'expected datasource: <a datasource id> (or url: <Prometheus base URL>)' });

export type PrometheusCheckConfig = z.output<typeof schema>;

/**
 * `{ prometheus: { datasource: prom, query: 'up{job="api"}' }, expect: ["[VALUE] == 1"] }`: the
 * query's one value as VALUE. A query answering with no series or several fails the check with
 * a reason, rather than picking one: a check judges one thing.
 */
export const prometheusCheck: CheckType<PrometheusCheckConfig> = {
  name: 'prometheus',
  schema,
  defaultExpect: ['[VALUE] > 0'],
  placeholders: ['VALUE', 'RESPONSE_TIME'],
  create(config): Probe {
    if (config.url === undefined) throw new Error(`datasource "${config.datasource}" was not resolved to a URL; load checks through the config loader`);
    const url = config.url.replace(/\/+$/, '');
    return async ({ timeoutMs, signal }) => {
      const client = new PrometheusClient({ url, headers: config.headers, timeoutMs });
      const started = performance.now();
      const outcome = await client.query(config.query, undefined, signal);
      const elapsed = Math.round(performance.now() - started);
      if (!outcome.ok) return { values: { RESPONSE_TIME: elapsed }, error: outcome.error.message };
      const single = singleValue(outcome.result);
      if (typeof single === 'string') return { values: { RESPONSE_TIME: elapsed }, error: single };
      return { values: { VALUE: single, RESPONSE_TIME: elapsed } };
    };
  },
};

function singleValue(result: PromResult): number | string {
  if (result.type === 'scalar') return result.value;
  if (result.type !== 'vector') return `expected the query to return one series, found a ${result.type === 'matrix' ? 'range vector (matrix)' : 'string'}`;
  const { samples } = result;
  if (samples.length === 1) return samples[0]!.value;
  if (samples.length === 0) return 'the query returned no series; expected exactly one (check the selector, or aggregate with sum() or max())';
  const shown = samples.slice(0, 3).map((s) => `${labelText(s.labels)} = ${formatSampleValue(s.value)}`).join(', ');
  return `the query returned ${samples.length} series; expected exactly one: ${shown}${samples.length > 3 ? ', ...' : ''}; narrow the selector or aggregate`;
}

function labelText(labels: Record<string, string>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}
