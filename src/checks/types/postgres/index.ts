import type pg from 'pg';
import { z } from 'zod';
import type { CheckType, Probe } from '../../check-type.ts';
import { checkEndpoint, portField, readSecret, secretFields, urlField } from '../endpoint-fields.ts';
import { describeNetworkError } from '../network-error-text.ts';
import type { NetworkTarget } from '../network-error-text.ts';

const DEFAULT_PORT = 5432;

const schema = z
  .strictObject({
    url: urlField(['postgres', 'postgresql']).optional(),
    host: z.string().min(1).optional(),
    port: portField.optional(),
    user: z.string().min(1).optional(),
    database: z.string().min(1).optional(),
    ...secretFields,
  })
  .superRefine(checkEndpoint);

export type PostgresCheckConfig = z.output<typeof schema>;

export const postgresCheck: CheckType<PostgresCheckConfig> = {
  name: 'postgres',
  schema,
  defaultExpect: ['[CONNECTED] == true'],
  placeholders: ['CONNECTED', 'RESPONSE_TIME'],
  create(config): Probe {
    const password = readSecret(config);
    const { settings, target } = connectionSettings(config, password);
    return async ({ timeoutMs, signal }) => {
      // Loaded on first use, like every driver: a server with no postgres check never pays for it.
      const { Client } = (await import('pg')).default;
      const started = performance.now();
      const client = new Client({ ...settings, connectionTimeoutMillis: timeoutMs });
      // A server that drops the connection after connect reports it here; the query rejects as well.
      client.on('error', () => {});
      const abort = (): void => void client.end().catch(() => {});
      signal.addEventListener('abort', abort, { once: true });
      let connected = false;
      try {
        await client.connect();
        connected = true;
        await client.query('SELECT 1');
        return { values: { CONNECTED: true, RESPONSE_TIME: Math.round(performance.now() - started) } };
      } catch (error) {
        const reason = signal.aborted ? 'aborted' : describePostgresError(error, target, timeoutMs);
        return { values: { CONNECTED: connected }, error: reason };
      } finally {
        signal.removeEventListener('abort', abort);
        client.end().catch(() => {});
      }
    };
  },
};

function connectionSettings(config: PostgresCheckConfig, password: string | undefined): { settings: pg.ClientConfig; target: NetworkTarget } {
  if (config.url !== undefined) {
    const url = new URL(config.url);
    // pg lets the connection string win over separate fields, so a secret from the environment goes into the URL.
    if (password !== undefined) url.password = encodeURIComponent(password);
    const target = { host: url.hostname || 'localhost', port: Number(url.port || DEFAULT_PORT) };
    return { settings: { connectionString: url.href }, target };
  }
  const target = { host: config.host!, port: config.port ?? DEFAULT_PORT };
  return { settings: { ...target, user: config.user, database: config.database, password }, target };
}

function describePostgresError(error: unknown, target: NetworkTarget, timeoutMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  // Errors the server sent (bad role, bad password, missing database) already read well.
  if (typeof error === 'object' && error !== null && 'severity' in error) return message;
  // pg's connectionTimeoutMillis has said both over its versions.
  if (message === 'timeout expired' || message.includes('connection timeout')) {
    return `timed out after ${timeoutMs}ms connecting to ${target.host}:${target.port}`;
  }
  return describeNetworkError(error, target);
}
