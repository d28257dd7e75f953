import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpCheck } from './index.ts';
import { closedPort } from '../../test-support/closed-port.ts';
import { listenOnLoopback } from '../../test-support/loopback-server.ts';

const accepted: net.Socket[] = [];
const server = net.createServer((socket) => accepted.push(socket));
let port = 0;

beforeAll(async () => {
  port = await listenOnLoopback(server);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const probe = (config: unknown, signal = new AbortController().signal) =>
  tcpCheck.create(tcpCheck.schema.parse(config))({ timeoutMs: 2000, signal });

describe('tcp check', () => {
  it('connects to a listening port and hangs up again', async () => {
    const { values, error } = await probe({ host: '127.0.0.1', port });
    expect(error).toBeUndefined();
    expect(values.CONNECTED).toBe(true);
    expect(values.RESPONSE_TIME).toBeTypeOf('number');
    const socket = accepted.at(-1)!;
    await new Promise((resolve) => socket.once('close', resolve));
    expect(socket.destroyed).toBe(true);
  });

  it('says the connection was refused by a closed port', async () => {
    const closed = await closedPort();
    expect(await probe({ host: '127.0.0.1', port: closed })).toEqual({
      values: { CONNECTED: false },
      error: `connection refused by 127.0.0.1:${closed}`,
    });
  });

  it('gives up when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await probe({ host: '127.0.0.1', port }, controller.signal)).toEqual({ values: { CONNECTED: false }, error: 'aborted' });
  });

  it('rejects ports out of range and unknown keys', () => {
    expect(tcpCheck.schema.safeParse({ host: 'h', port: 70000 }).success).toBe(false);
    expect(tcpCheck.schema.safeParse({ host: 'h', port: 1, tls: true }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
