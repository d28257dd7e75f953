import { z } from 'zod';
import type { CheckType, Probe } from '../../check-type.ts';
import { checkEndpoint, portField, readSecret, secretFields, urlField } from '../endpoint-fields.ts';
import { encodeCommands, exchange } from './redis-exchange.ts';

const DEFAULT_PORT = 6379;

const schema = z
  .strictObject({
    url: urlField(['redis']).optional(),
    host: z.string().min(1).optional(),
    port: portField.optional(),
    /** ACL user (Redis 6+); without it AUTH uses the default user. */
    user: z.string().min(1).optional(),
    db: z.int().min(0).optional(),
    ...secretFields,
  })
  .superRefine(checkEndpoint);

export type RedisCheckConfig = z.output<typeof schema>;

export const redisCheck: CheckType<RedisCheckConfig> = {
  name: 'redis',
  schema,
  defaultExpect: ['[CONNECTED] == true'],
  placeholders: ['CONNECTED', 'RESPONSE_TIME', 'OUTPUT'],
  create(config): Probe {
    const { target, user, password, db } = connectionSettings(config);
    const commands: string[][] = [];
    if (password !== undefined) commands.push(user === undefined ? ['AUTH', password] : ['AUTH', user, password]);
    if (db !== 0) commands.push(['SELECT', String(db)]);
    commands.push(['PING']);
    // Encoded once: every run writes the same bytes.
    const payload = encodeCommands(commands);
    const names = commands.map(([name]) => name!);
    return async ({ signal }) => {
      const started = performance.now();
      const { connected, replies, error } = await exchange(target, payload, names, signal);
      if (error !== undefined) return { values: { CONNECTED: connected }, error };
      const pong = replies!.at(-1)!;
      const values = { CONNECTED: true, RESPONSE_TIME: Math.round(performance.now() - started), OUTPUT: pong };
      return pong === 'PONG' ? { values } : { values, error: `expected PONG, found ${JSON.stringify(pong)}` };
    };
  },
};

function connectionSettings(config: RedisCheckConfig) {
  const secret = readSecret(config);
  if (config.url === undefined) {
    return { target: { host: config.host!, port: config.port ?? DEFAULT_PORT }, user: config.user, password: secret, db: config.db ?? 0 };
  }
  const url = new URL(config.url);
  const path = url.pathname.slice(1);
  if (!/^\d*$/.test(path)) throw new Error(`expected a database number after the host in the redis url, like redis://host/0, found "/${path}"`);
  const fromPath = path === '' ? 0 : Number(path);
  return {
    target: { host: url.hostname || 'localhost', port: Number(url.port || DEFAULT_PORT) },
    user: config.user ?? (url.username ? decodeURIComponent(url.username) : undefined),
    password: secret ?? (url.password ? decodeURIComponent(url.password) : undefined),
    db: config.db ?? fromPath,
  };
}
