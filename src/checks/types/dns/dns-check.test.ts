import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsCheck } from './index.ts';
import { startTestDnsServer } from '../../test-support/dns-test-server.ts';
import type { TestDnsServer } from '../../test-support/dns-test-server.ts';

let server: TestDnsServer;
beforeAll(async () => {
  server = await startTestDnsServer({
    'api.opsdeck.test': { A: ['10.0.0.7', '10.0.0.8'], TXT: ['v=spf1 -all'] },
    'empty.opsdeck.test': {},
    'broken.opsdeck.test': { rcode: 2 },
    'forbidden.opsdeck.test': { rcode: 5 },
    'slow.opsdeck.test': { silent: true },
  });
});
afterAll(() => server.close());

const probe = (config: Record<string, unknown>, signal = new AbortController().signal) =>
  dnsCheck.create(dnsCheck.schema.parse({ server: server.address, ...config }))({ timeoutMs: 2000, signal });

describe('dns check against a DNS server on loopback', () => {
  it('reports the first address and all answers', async () => {
    const { values, error } = await probe({ name: 'api.opsdeck.test' });
    expect(error).toBeUndefined();
    expect(values).toMatchObject({ DNS_RCODE: 'NOERROR', IP: '10.0.0.7', BODY: '10.0.0.7, 10.0.0.8' });
    expect(server.queries.at(-1)).toEqual({ name: 'api.opsdeck.test', type: 1 });
  });

  it('asks for the configured record type', async () => {
    const { values } = await probe({ name: 'api.opsdeck.test', type: 'TXT' });
    expect(values).toMatchObject({ DNS_RCODE: 'NOERROR', BODY: 'v=spf1 -all' });
    expect(values).not.toHaveProperty('IP');
    expect(server.queries.at(-1)).toEqual({ name: 'api.opsdeck.test', type: 16 });
  });

  const negative: [name: string, rcode: string][] = [
    ['missing.opsdeck.test', 'NXDOMAIN'],
    ['empty.opsdeck.test', 'NOERROR'],
    ['broken.opsdeck.test', 'SERVFAIL'],
    ['forbidden.opsdeck.test', 'REFUSED'],
  ];
  it.each(negative)('reports %s as an answer with rcode %s, not an error', async (name, rcode) => {
    const outcome = await probe({ name });
    expect(outcome.error).toBeUndefined();
    expect(outcome.values).toMatchObject({ DNS_RCODE: rcode, BODY: '' });
    expect(outcome.values).not.toHaveProperty('IP');
  });

  it('gives up on a server that never answers when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await probe({ name: 'slow.opsdeck.test' }, controller.signal)).toEqual({ values: {}, error: 'aborted' });
  });

  it('says so when nothing listens at the server address', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address() as AddressInfo;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const outcome = await probe({ name: 'api.opsdeck.test', server: `127.0.0.1:${port}` });
    expect(outcome).toEqual({ values: {}, error: `connection refused by DNS server 127.0.0.1:${port}` });
  });
});

describe('dns config', () => {
  it('accepts server addresses with and without ports', () => {
    for (const server of ['1.1.1.1', '127.0.0.1:5353', '::1', '[::1]:53']) {
      expect(dnsCheck.schema.safeParse({ name: 'x', server }).success).toBe(true);
    }
  });

  it('rejects host names, bad ports and unknown record types with a reason', () => {
    for (const server of ['ns1.example.com', '127.0.0.1:0', '127.0.0.1:99999', '1.2.3.4:53:1']) {
      expect(dnsCheck.schema.safeParse({ name: 'x', server }).error?.issues[0]?.message).toBe(
        'expected an IP address with an optional port, like 1.1.1.1, 127.0.0.1:5353 or [::1]:53',
      );
    }
    expect(dnsCheck.schema.safeParse({ name: 'x', type: 'SRV' }).success).toBe(false);
    expect(dnsCheck.schema.parse({ name: 'x' })).toEqual({ name: 'x', type: 'A' });
  });
});
