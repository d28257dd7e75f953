import net from 'node:net';
import { describeNetworkError } from '../network-error-text.ts';
import type { NetworkTarget } from '../network-error-text.ts';

/**
 * A ping needs three single-line replies at most (AUTH, SELECT, PING), so
 * speaking RESP directly over one socket is a few lines and avoids a client
 * library's reconnect machinery, queues and timers on every run.
 */
export function encodeCommands(commands: readonly (readonly string[])[]): Buffer {
  const parts = commands.map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  return Buffer.from(parts.join(''));
}

export interface RedisExchange {
  connected: boolean;
  /** One reply line per command, without its type prefix, when every command succeeded. */
  replies?: string[];
  error?: string;
}

/** Sends the pipelined commands and reads one line per command, stopping at the first error reply. */
export function exchange(target: NetworkTarget, payload: Buffer, names: readonly string[], signal: AbortSignal): Promise<RedisExchange> {
  return new Promise((resolve) => {
    let connected = false;
    let pending = '';
    const replies: string[] = [];
    const socket = net.connect({ ...target, signal });
    const finish = (outcome: RedisExchange): void => {
      socket.destroy();
      resolve(outcome);
    };
    socket.once('connect', () => {
      connected = true;
      socket.write(payload);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const name = names[replies.length]!;
        if (line.startsWith('-')) return finish({ connected, error: `redis refused ${name}: ${line.slice(1)}` });
        if (!line.startsWith('+')) {
          const said = JSON.stringify(line.slice(0, 80));
          return finish({ connected, error: `${target.host}:${target.port} does not answer like Redis; it said ${said}` });
        }
        replies.push(line.slice(1));
        if (replies.length === names.length) return finish({ connected, replies });
      }
    });
    socket.once('error', (error) => finish({ connected, error: describeNetworkError(error, target) }));
    socket.once('end', () => finish({ connected, error: `connection closed by ${target.host}:${target.port} before it answered` }));
  });
}
