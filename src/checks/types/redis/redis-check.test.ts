import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { redisCheck } from './index.ts';
import { closedPort } from '../../test-support/closed-port.ts';
import { closeServer, listenOnLoopback } from '../../test-support/loopback-server.ts';

const probe = (config: unknown, signal = new AbortController().signal) =>
  redisCheck.create(redisCheck.schema.parse(config))({ timeoutMs: 2000, signal });

describe('redis check against the local server', () => {
  it('pings and reports PONG, by url or by fields', async () => {
    for (const config of [{ url: 'redis://127.0.0.1:6379/3' }, { host: '127.0.0.1', db: 2 }, { url: 'redis://127.0.0.1' }]) {
      const { values, error } = await probe(config);
      expect(error).toBeUndefined();
      expect(values).toMatchObject({ CONNECTED: true, OUTPUT: 'PONG' });
      expect(values.RESPONSE_TIME).toBeTypeOf('number');
    }
  });

  it('passes on the server\'s reason for refusing AUTH', async () => {
    expect(await probe({ host: '127.0.0.1', password: 'guess' })).toEqual({
      values: { CONNECTED: true },
      error: 'redis refused AUTH: ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    });
    process.env.OPSDECK_TEST_REDIS_PASSWORD = 'from-env';
    try {
      const fromEnv = await probe({ url: 'redis://ops@127.0.0.1', password_env: 'OPSDECK_TEST_REDIS_PASSWORD' });
      expect(fromEnv.error).toBe('redis refused AUTH: WRONGPASS invalid username-password pair or user is disabled.');
    } finally {
      delete process.env.OPSDECK_TEST_REDIS_PASSWORD;
    }
  });

  it('passes on the server\'s reason for refusing the database', async () => {
    expect((await probe({ url: 'redis://127.0.0.1/99' })).error).toBe('redis refused SELECT: ERR DB index is out of range');
  });

  it('says the connection was refused by a closed port', async () => {
    const port = await closedPort();
    expect(await probe({ host: '127.0.0.1', port })).toEqual({ values: { CONNECTED: false }, error: `connection refused by 127.0.0.1:${port}` });
  });

  it('says when the peer is not Redis', async () => {
    const web = http.createServer((_req, res) => res.end());
    const port = await listenOnLoopback(web);
    try {
      expect(await probe({ host: '127.0.0.1', port })).toEqual({
        values: { CONNECTED: true },
        error: `127.0.0.1:${port} does not answer like Redis; it said "HTTP/1.1 400 Bad Request"`,
      });
    } finally {
      await closeServer(web);
    }
  });

  it('rejects a url whose path is not a database number', () => {
    const config = redisCheck.schema.parse({ url: 'redis://127.0.0.1/cache' });
    expect(() => redisCheck.create(config)).toThrow('expected a database number after the host in the redis url, like redis://host/0, found "/cache"');
  });
});
