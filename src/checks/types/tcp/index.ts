import net from 'node:net';
import { z } from 'zod';
import type { CheckType, Probe } from '../../check-type.ts';
import { portField } from '../endpoint-fields.ts';
import { describeNetworkError } from '../network-error-text.ts';

const schema = z.strictObject({
  host: z.string().min(1),
  port: portField,
});

export type TcpCheckConfig = z.output<typeof schema>;

export const tcpCheck: CheckType<TcpCheckConfig> = {
  name: 'tcp',
  schema,
  defaultExpect: ['[CONNECTED] == true'],
  placeholders: ['CONNECTED', 'RESPONSE_TIME'],
  create(config): Probe {
    return ({ signal }) =>
      new Promise((resolve) => {
        const started = performance.now();
        const socket = net.connect({ host: config.host, port: config.port, signal });
        socket.once('connect', () => {
          resolve({ values: { CONNECTED: true, RESPONSE_TIME: Math.round(performance.now() - started) } });
          socket.destroy();
        });
        socket.once('error', (error) => {
          resolve({ values: { CONNECTED: false }, error: describeNetworkError(error, config) });
        });
      });
  },
};
