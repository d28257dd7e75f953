import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { mysqlCheck } from './index.ts';
import { closedPort } from '../../test-support/closed-port.ts';
import { listenOnLoopback } from '../../test-support/loopback-server.ts';

const probe = (config: unknown, timeoutMs = 5000) =>
  mysqlCheck.create(mysqlCheck.schema.parse(config))({ timeoutMs, signal: new AbortController().signal });

describe('mysql check against the local MariaDB', () => {
  it('connects and runs SELECT 1, by url or by fields', async () => {
    for (const config of [
      { url: 'mysql://root@127.0.0.1:3306/test' },
      { url: 'mariadb://root@127.0.0.1/test' },
      { host: '127.0.0.1', user: 'root', database: 'test' },
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
      error: "Access denied for user 'nobody'@'127.0.0.1'",
    });
    expect(await probe({ url: 'mysql://root@127.0.0.1/no_such_db' })).toEqual({
      values: { CONNECTED: false },
      error: "Unknown database 'no_such_db'",
    });
  });

  it('sends the password named by password_env, with a url or with fields', async () => {
    process.env.OPSDECK_TEST_MYSQL_PASSWORD = 'wrong';
    try {
      for (const config of [
        { url: 'mysql://root@127.0.0.1/test', password_env: 'OPSDECK_TEST_MYSQL_PASSWORD' },
        { host: '127.0.0.1', user: 'root', password_env: 'OPSDECK_TEST_MYSQL_PASSWORD' },
      ]) {
        expect(await probe(config)).toEqual({
          values: { CONNECTED: false },
          error: "Access denied for user 'root'@'127.0.0.1' (using password: YES)",
        });
      }
    } finally {
      delete process.env.OPSDECK_TEST_MYSQL_PASSWORD;
    }
  });

  it('says the connection was refused by a closed port', async () => {
    const port = await closedPort();
    expect(await probe({ host: '127.0.0.1', port, user: 'root' })).toEqual({
      values: { CONNECTED: false },
      error: `connection refused by 127.0.0.1:${port}`,
    });
  });

  it('gives up on a server that accepts but never answers', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    const port = await listenOnLoopback(silent);
    try {
      expect(await probe({ host: '127.0.0.1', port, user: 'root' }, 300)).toEqual({
        values: { CONNECTED: false },
        error: `timed out after 300ms connecting to 127.0.0.1:${port}`,
      });
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('accepts mysql:// and mariadb:// URLs only', () => {
    expect(mysqlCheck.schema.safeParse({ url: 'postgres://a/b' }).error?.issues[0]?.message).toBe(
      'expected a URL starting with mysql:// or mariadb://',
    );
  });
});
