import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsCheck } from './index.ts';
import { closedPort } from '../../test-support/closed-port.ts';
import { listenOnLoopback } from '../../test-support/loopback-server.ts';
import { makeTestCertificates } from '../../test-support/self-signed-certificates.ts';

const DAY = 86_400_000;
const certificates = makeTestCertificates();
const dir = mkdtempSync(join(tmpdir(), 'opsdeck-tls-test-'));
const validCa = join(dir, 'valid.pem');
writeFileSync(validCa, certificates.valid);

const sockets = new Set<net.Socket>();
const track = (socket: net.Socket): void => {
  sockets.add(socket);
  socket.on('error', () => {});
};
const valid = tls.createServer({ key: certificates.key, cert: certificates.valid }, track);
const expired = tls.createServer({ key: certificates.key, cert: certificates.expired }, track);
const silent = net.createServer(track);
const plaintext = net.createServer((socket) => {
  track(socket);
  socket.end('SSH-2.0-OpenSSH_9.2\r\n');
});
const ports = { valid: 0, expired: 0, plaintext: 0, silent: 0 };

beforeAll(async () => {
  ports.valid = await listenOnLoopback(valid);
  ports.expired = await listenOnLoopback(expired);
  ports.plaintext = await listenOnLoopback(plaintext);
  ports.silent = await listenOnLoopback(silent);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([valid, expired, plaintext, silent].map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

const probe = (config: unknown, signal = new AbortController().signal) =>
  tlsCheck.create(tlsCheck.schema.parse(config))({ timeoutMs: 2000, signal });

describe('tls check against real TLS servers', () => {
  it('reports the time left on a certificate from a trusted issuer', async () => {
    const { values, error } = await probe({ host: '127.0.0.1', port: ports.valid, ca_file: validCa });
    expect(error).toBeUndefined();
    expect(values).toMatchObject({ CONNECTED: true });
    expect(values.CERTIFICATE_EXPIRATION).toBeGreaterThan(41 * DAY - 60_000);
    expect(values.CERTIFICATE_EXPIRATION).toBeLessThanOrEqual(41 * DAY);
  });

  it('checks the name the certificate must carry', async () => {
    const { values, error } = await probe({ host: '127.0.0.1', port: ports.valid, ca_file: validCa, servername: 'api.example' });
    expect(values.CONNECTED).toBe(true);
    expect(error).toBe("certificate is not valid for api.example: Host: api.example. is not in the cert's altnames: DNS:localhost, IP Address:127.0.0.1");
    expect((await probe({ host: 'localhost', port: ports.valid, ca_file: validCa })).error).toBeUndefined();
  });

  it('rejects an untrusted self-signed certificate but still reports its expiry', async () => {
    const { values, error } = await probe({ host: '127.0.0.1', port: ports.valid });
    expect(error).toBe('certificate is self-signed (trust its issuer, or set verify_tls: false to skip verification)');
    expect(values.CERTIFICATE_EXPIRATION).toBeGreaterThan(40 * DAY);
    expect((await probe({ host: '127.0.0.1', port: ports.valid, verify_tls: false })).error).toBeUndefined();
  });

  it('says the certificate has expired, and how long ago', async () => {
    const { values, error } = await probe({ host: '127.0.0.1', port: ports.expired });
    expect(error).toBe('certificate has expired');
    expect(values.CERTIFICATE_EXPIRATION).toBeLessThan(Date.parse('2020-02-01T00:00:01Z') - Date.now());
    const unverified = await probe({ host: '127.0.0.1', port: ports.expired, verify_tls: false });
    expect(unverified.error).toBeUndefined();
    expect(unverified.values.CERTIFICATE_EXPIRATION).toBeLessThan(0);
  });

  it('says when the peer does not speak TLS', async () => {
    const { values, error } = await probe({ host: '127.0.0.1', port: ports.plaintext });
    expect(values).toEqual({ CONNECTED: false });
    expect(error).toMatch(new RegExp(`^TLS handshake with 127\\.0\\.0\\.1:${ports.plaintext} failed: `));
  });

  it('says the connection was refused by a closed port', async () => {
    const port = await closedPort();
    expect(await probe({ host: '127.0.0.1', port })).toEqual({ values: { CONNECTED: false }, error: `connection refused by 127.0.0.1:${port}` });
  });

  it('gives up on a handshake that never completes when aborted, and closes the socket', async () => {
    const controller = new AbortController();
    const accepted = new Promise<net.Socket>((resolve) => silent.once('connection', resolve));
    const outcome = probe({ host: '127.0.0.1', port: ports.silent }, controller.signal);
    const socket = await accepted;
    const closed = new Promise((resolve) => socket.once('close', resolve));
    controller.abort();
    expect(await outcome).toEqual({ values: { CONNECTED: false }, error: 'aborted' });
    await closed;
  });

  it('defaults to port 443 and verification on', () => {
    expect(tlsCheck.schema.parse({ host: 'example.com' })).toEqual({ host: 'example.com', port: 443, verify_tls: true });
  });
});
