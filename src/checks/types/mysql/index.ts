import type { ConnectionOptions } from 'mysql2';
import { z } from 'zod';
import type { CheckType, Probe, ProbeOutcome } from '../../check-type.ts';
import { checkEndpoint, portField, readSecret, secretFields, urlField } from '../endpoint-fields.ts';
import { describeNetworkError } from '../network-error-text.ts';
import type { NetworkTarget } from '../network-error-text.ts';

const DEFAULT_PORT = 3306;

const schema = z
  .strictObject({
    url: urlField(['mysql', 'mariadb']).optional(),
    host: z.string().min(1).optional(),
    port: portField.optional(),
    user: z.string().min(1).optional(),
    database: z.string().min(1).optional(),
    ...secretFields,
  })
  .superRefine(checkEndpoint);

export type MysqlCheckConfig = z.output<typeof schema>;

export const mysqlCheck: CheckType<MysqlCheckConfig> = {
  name: 'mysql',
  schema,
  defaultExpect: ['[CONNECTED] == true'],
  placeholders: ['CONNECTED', 'RESPONSE_TIME'],
  create(config): Probe {
    const password = readSecret(config);
    const { settings, target } = connectionSettings(config, password);
    return async ({ timeoutMs, signal }) => {
      // Loaded on first use: the driver costs ~20 MB of memory in every server that has no mysql check.
      const mysql = (await import('mysql2')).default;
      return new Promise<ProbeOutcome>((resolve) => {
        const started = performance.now();
        let connected = false;
        const connection = mysql.createConnection({ ...settings, connectTimeout: timeoutMs });
        // Fatal errors also reach the query callback; this only keeps them from being unhandled.
        connection.on('error', () => {});
        connection.once('connect', () => (connected = true));
        const abort = (): void => connection.destroy();
        signal.addEventListener('abort', abort, { once: true });
        connection.query('SELECT 1', (error) => {
          signal.removeEventListener('abort', abort);
          if (error) {
            const reason = signal.aborted ? 'aborted' : describeMysqlError(error, target, timeoutMs);
            resolve({ values: { CONNECTED: connected }, error: reason });
          } else {
            resolve({ values: { CONNECTED: true, RESPONSE_TIME: Math.round(performance.now() - started) } });
          }
          connection.destroy();
        });
      });
    };
  },
};

function connectionSettings(config: MysqlCheckConfig, password: string | undefined): { settings: ConnectionOptions; target: NetworkTarget } {
  if (config.url !== undefined) {
    const url = new URL(config.url);
    const target = { host: url.hostname || 'localhost', port: Number(url.port || DEFAULT_PORT) };
    // mysql2 lets separate fields win over the URI, so a secret from the environment simply rides along.
    return { settings: { uri: `mysql://${config.url.slice(config.url.indexOf('://') + 3)}`, password }, target };
  }
  const target = { host: config.host!, port: config.port ?? DEFAULT_PORT };
  return { settings: { ...target, user: config.user, database: config.database, password }, target };
}

function describeMysqlError(error: unknown, target: NetworkTarget, timeoutMs: number): string {
  const { code, sqlMessage } = error as { code?: string; sqlMessage?: string };
  // Errors the server sent (access denied, unknown database) already read well.
  if (sqlMessage) return sqlMessage;
  if (code === 'ETIMEDOUT') return `timed out after ${timeoutMs}ms connecting to ${target.host}:${target.port}`;
  return describeNetworkError(error, target);
}
