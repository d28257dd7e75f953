import { z } from 'zod';
import type { DatasourceDef } from './config-types.ts';
import { duration, text } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue, isRecord } from './value-describe.ts';

/** A Prometheus answers a query in well under this; a slow one is better reported than waited for. */
export const DEFAULT_DATASOURCE_TIMEOUT_MS = 10_000;

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, {
  error: (iss) => `expected an HTTP header name like X-Scope-OrgID, found ${describeValue(iss.input)}`,
});

const envName = z
  .string({ error: (iss) => `expected an environment variable name like PROM_AUTH, found ${describeValue(iss.input)}` })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: (iss) => `expected an environment variable name like PROM_AUTH, found ${describeValue(iss.input)}` })
  // Read once at load: a missing variable is a config error now, not a 401 at every query.
  .transform((name, ctx) => {
    const value = process.env[name];
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `environment variable ${name} is not set; set it to the header's value, or remove the header` });
      return z.NEVER;
    }
    return value;
  });

const baseUrl = text
  .refine((written) => /^https?:\/\/[^\s/]+/.test(written) && URL.canParse(written), {
    error: (iss) => `expected the Prometheus base URL, like http://127.0.0.1:9090, found ${describeValue(iss.input)}`,
  })
  .transform((written) => written.replace(/\/+$/, ''));

/** `prom: { prometheus: { url, headers, headers_env, timeout } }`; secrets in headers come from the environment. */
const prometheus = z
  .strictObject({
    url: baseUrl,
    headers: z.record(headerName, text).optional(),
    /** Header name -> environment variable holding its value (Authorization: PROM_AUTH). */
    headers_env: z.record(headerName, envName).optional(),
    timeout: duration(1).default(DEFAULT_DATASOURCE_TIMEOUT_MS),
  })
  .transform((p) => ({ url: p.url, headers: { ...p.headers, ...p.headers_env }, timeoutMs: p.timeout }));

/** Where `prometheus` checks and PromQL rules read metrics; Prometheus is the one type so far. */
export const datasourcesSection = mapSection('datasource', z.strictObject({ prometheus }));

export function resolveDatasources(section: Record<string, { prometheus: { url: string; headers: Record<string, string>; timeoutMs: number } }> | undefined): DatasourceDef[] {
  return Object.entries(section ?? {}).map(([id, { prometheus: p }]) => ({ id, type: 'prometheus', url: p.url, headers: p.headers, timeoutMs: p.timeoutMs }));
}

/**
 * A check block that names a `datasource` gets that datasource's url and headers copied in at
 * load (its own headers win), so its type's create() needs nothing but its own config.
 */
export function withDatasource(typeConfig: unknown, datasources: readonly DatasourceDef[]): unknown {
  if (!isRecord(typeConfig) || typeof typeConfig['datasource'] !== 'string') return typeConfig;
  const source = datasources.find((d) => d.id === typeConfig['datasource']);
  if (!source) return typeConfig;
  return { ...typeConfig, url: source.url, headers: { ...source.headers, ...(typeConfig['headers'] as Record<string, string> | undefined) } };
}
