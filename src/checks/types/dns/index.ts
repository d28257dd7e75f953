import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import { z } from 'zod';
import type { CheckType, Probe } from '../../check-type.ts';
import { RECORD_TYPES, describeResolverError, queryAsText, rcodeOf } from './dns-answers.ts';

const schema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(RECORD_TYPES).default('A'),
  /** The server to ask, by address: 1.1.1.1, 127.0.0.1:5353, [::1]:53. Without it, the system's resolvers. */
  server: z
    .string()
    .refine(isServerAddress, { error: 'expected an IP address with an optional port, like 1.1.1.1, 127.0.0.1:5353 or [::1]:53' })
    .optional(),
});

export type DnsCheckConfig = z.output<typeof schema>;

export const dnsCheck: CheckType<DnsCheckConfig> = {
  name: 'dns',
  schema,
  defaultExpect: ['[DNS_RCODE] == NOERROR'],
  placeholders: ['DNS_RCODE', 'IP', 'BODY', 'RESPONSE_TIME'],
  create(config): Probe {
    // One resolver per check: its channel is set up once, and cancel() only touches this check's query.
    const resolver = new Resolver();
    if (config.server !== undefined) resolver.setServers([config.server]);
    const serverName = config.server === undefined ? 'the system resolver' : `DNS server ${config.server}`;
    return async ({ signal }) => {
      const started = performance.now();
      const cancel = (): void => resolver.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        if (signal.aborted) return { values: {}, error: 'aborted' };
        const answers = await queryAsText(resolver, config.name, config.type);
        const values: Record<string, unknown> = { DNS_RCODE: 'NOERROR', BODY: answers.join(', '), RESPONSE_TIME: elapsed(started) };
        if ((config.type === 'A' || config.type === 'AAAA') && answers.length > 0) values.IP = answers[0];
        return { values };
      } catch (error) {
        const rcode = rcodeOf(error);
        if (rcode !== undefined) return { values: { DNS_RCODE: rcode, BODY: '', RESPONSE_TIME: elapsed(started) } };
        return { values: {}, error: describeResolverError(error, serverName) };
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    };
  },
};

const elapsed = (started: number): number => Math.round(performance.now() - started);

function isServerAddress(text: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return net.isIPv6(bracketed[1]!) && isPort(bracketed[2]);
  if (net.isIPv6(text)) return true;
  const [host, port, ...rest] = text.split(':');
  return rest.length === 0 && net.isIPv4(host!) && isPort(port);
}

function isPort(text: string | undefined): boolean {
  return text === undefined || (/^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535);
}
