import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { postgresCheck } from './index.ts';
import { closedPort } from '../../test-support/closed-port.ts';
import { listenOnLoopback } from '../../test-support/loopback-server.ts';

const probe = (config: unknown, timeoutMs = 5000) =>
  postgresCheck.create(postgresCheck.schema.parse(config))({ timeoutMs, signal: new AbortController().signal });

describe('postgres check against the local server', () => {
  it('connects and runs SELECT 1, by url or by fields', async () => {
    for (const config of [
      { url: 'postgres://postgres@127.0.0.1:5432/test' },
      { host: '127.0.0.1', user: 'postgres', database: 'test' },
    ]) {
      const { values, error } = await probe(config);
      expect(error).toBeUndefined();
      expect(values).toMatchObject({ CONNECTED: true });
      expect(values.RESPONSE_TIME).toBeTypeOf('number');
    }
  });

  it('passes on the server\'s reason for refusing the credentials', async () => {
    expect(await probe({ host: '127.0.0.1', user: 'nobody', database: 'test' })).toEqual({
      values: { CONNECTED: false },
      error: 'role "nobody" does not exist',
    });
    expect(await probe({ url: 'postgres://postgres@127.0.0.1/no_such_db' })).toEqual({
      values: { CONNECTED: false },
      error: 'database "no_such_db" does not exist',
    });
  });

  it('says the connection was refused by a closed port', async () => {
    const port = await closedPort();
    expect(await probe({ host: '127.0.0.1', port, user: 'postgres' })).toEqual({
      values: { CONNECTED: false },
      error: `connection refused by 127.0.0.1:${port}`,
    });
  });

  it('gives up on a server that accepts but never answers', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    const port = await listenOnLoopback(silent);
    try {
      expect(await probe({ host: '127.0.0.1', port, user: 'postgres' }, 300)).toEqual({
        values: { CONNECTED: false },
        error: `timed out after 300ms connecting to 127.0.0.1:${port}`,
      });
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('reads the password from the environment at create time', () => {
    delete process.env.OPSDECK_TEST_PG_MISSING;
    const config = postgresCheck.schema.parse({ host: '127.0.0.1', password_env: 'OPSDECK_TEST_PG_MISSING' });
    expect(() => postgresCheck.create(config)).toThrow('environment variable OPSDECK_TEST_PG_MISSING (password_env) is not set');
  });

  it('rejects configs that name no server, two servers, or two passwords', () => {
    const messages = (config: unknown) => postgresCheck.schema.safeParse(config).error?.issues.map((i) => i.message);
    expect(messages({})).toEqual(['expected url or host']);
    expect(messages({ url: 'postgres://a/b', host: 'a' })).toEqual(['give either url or host, not both']);
    expect(messages({ host: 'a', password: 'x', password_env: 'X' })).toEqual(['give either password or password_env, not both']);
    expect(messages({ url: 'mysql://a/b' })).toEqual(['expected a URL starting with postgres:// or postgresql://']);
    expect(messages({ host: 'a', sslmode: 'require' })).toEqual(['Unrecognized key: "sslmode"']);
  });
});
