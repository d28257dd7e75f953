import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCheck } from './index.ts';
import type { ProbeOutcome } from '../../check-type.ts';
import { closedPort } from '../../test-support/closed-port.ts';
import { closeServer, listenOnLoopback } from '../../test-support/loopback-server.ts';
import { makeTestCertificates } from '../../test-support/self-signed-certificates.ts';

const DAY = 86_400_000;
let base = '';
let otherOrigin = '';
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let connections = 0;

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const url = new URL(req.url!, base);
    const hop = Number(url.searchParams.get('hop') ?? 0);
    if (url.pathname === '/health') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP"}');
    if (url.pathname === '/down') return res.writeHead(503).end('down');
    if (url.pathname === '/echo') return res.writeHead(201).end(JSON.stringify({ method: req.method, body, token: req.headers['x-token'] ?? null }));
    if (url.pathname === '/chain') return res.writeHead(302, { location: hop < 3 ? `/chain?hop=${hop + 1}` : '/health' }).end();
    if (url.pathname === '/loop') return res.writeHead(307, { location: `/loop?hop=${hop + 1}` }).end();
    if (url.pathname === '/see-other') return res.writeHead(303, { location: '/echo' }).end();
    if (url.pathname === '/elsewhere') return res.writeHead(302, { location: `${otherOrigin}/echo` }).end();
    if (url.pathname === '/ftp') return res.writeHead(302, { location: 'ftp://example.invalid/' }).end();
    if (url.pathname === '/huge') return res.writeHead(200).end('x'.repeat(3 * 1024 * 1024));
    if (url.pathname === '/cut') {
      res.writeHead(200, { 'content-length': '100' }).write('only ten b');
      return setTimeout(() => res.socket?.destroy(), 20);
    }
    if (url.pathname === '/never') return; // holds the request open until the client gives up
    res.writeHead(404).end();
  });
});
server.on('connection', () => connections++);

const other = http.createServer((req, res) => res.end(JSON.stringify({ authorization: req.headers.authorization ?? null })));

async function probe(config: Record<string, unknown>, signal = new AbortController().signal): Promise<ProbeOutcome> {
  return httpCheck.create(httpCheck.schema.parse(config))({ timeoutMs: 5000, signal });
}

beforeAll(async () => {
  base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  otherOrigin = `http://127.0.0.1:${await listenOnLoopback(other)}`;
});
afterAll(async () => {
  await Promise.all([closeServer(server), closeServer(other)]);
});

describe('http check against a real server', () => {
  it('reports status, body, response time and connection', async () => {
    const { values, error } = await probe({ url: `${base}/health` });
    expect(error).toBeUndefined();
    expect(values).toMatchObject({ STATUS: 200, BODY: '{"status":"UP"}', CONNECTED: true });
    expect(values.RESPONSE_TIME).toBeTypeOf('number');
    expect(values).not.toHaveProperty('CERTIFICATE_EXPIRATION');
    expect(seen.at(-1)?.headers['user-agent']).toBe('Opsdeck-Check/1');
  });

  it('treats an error status as an observation, not a probe error', async () => {
    expect(await probe({ url: `${base}/down` })).toEqual({
      values: expect.objectContaining({ STATUS: 503, BODY: 'down', CONNECTED: true }),
    });
  });

  it('sends the configured method, headers and body', async () => {
    const { values } = await probe({ url: `${base}/echo`, method: 'POST', headers: { 'X-Token': 't1' }, body: 'ping' });
    expect(JSON.parse(values.BODY as string)).toEqual({ method: 'POST', body: 'ping', token: 't1' });
  });

  it('follows up to five redirects, or none when told not to', async () => {
    expect((await probe({ url: `${base}/chain` })).values).toMatchObject({ STATUS: 200, BODY: '{"status":"UP"}' });
    expect((await probe({ url: `${base}/chain`, follow_redirects: false })).values).toMatchObject({ STATUS: 302 });
    expect(await probe({ url: `${base}/loop` })).toEqual({
      values: { CONNECTED: false },
      error: `stopped after 5 redirects; the last one (307) pointed to ${base}/loop?hop=6`,
    });
    expect((await probe({ url: `${base}/ftp` })).error).toBe(`${base}/ftp redirected (302) to "ftp://example.invalid/", which is not an http(s) URL`);
  });

  it('turns a POST into a GET on 303 and drops credentials on a cross-origin redirect', async () => {
    const seeOther = await probe({ url: `${base}/see-other`, method: 'POST', body: 'form' });
    expect(JSON.parse(seeOther.values.BODY as string)).toMatchObject({ method: 'GET', body: '' });
    const crossed = await probe({ url: `${base}/elsewhere`, headers: { Authorization: 'Bearer secret' } });
    expect(JSON.parse(crossed.values.BODY as string)).toEqual({ authorization: null });
  });

  it('keeps at most 1 MB of the body', async () => {
    const { values, error } = await probe({ url: `${base}/huge` });
    expect(error).toBeUndefined();
    expect((values.BODY as string).length).toBe(1024 * 1024);
  });

  it('says so when the server hangs up in the middle of the body', async () => {
    const { error } = await probe({ url: `${base}/cut` });
    expect(error).toBe(`connection reset by 127.0.0.1:${new URL(base).port}`);
  });

  it('reuses kept-alive sockets between runs', async () => {
    await probe({ url: `${base}/health` });
    const before = connections;
    for (let i = 0; i < 5; i++) await probe({ url: `${base}/health` });
    expect(connections).toBe(before);
  });

  it('says the connection was refused by a closed port', async () => {
    const port = await closedPort();
    expect(await probe({ url: `http://127.0.0.1:${port}/` })).toEqual({
      values: { CONNECTED: false },
      error: `connection refused by 127.0.0.1:${port}`,
    });
  });

  it('gives up when aborted and closes the socket', async () => {
    const controller = new AbortController();
    const closed = new Promise<void>((resolve) => server.once('request', (req) => req.socket.once('close', resolve)));
    const outcome = probe({ url: `${base}/never` }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await outcome).toEqual({ values: { CONNECTED: false }, error: 'aborted' });
    await closed;
  });
});

describe('http check over TLS', () => {
  const certificates = makeTestCertificates();
  const secure = https.createServer({ key: certificates.key, cert: certificates.valid }, (_req, res) => res.end('secure'));
  let url = '';
  beforeAll(async () => {
    url = `https://127.0.0.1:${await listenOnLoopback(secure)}/`;
  });
  afterAll(() => closeServer(secure));

  it('rejects a self-signed certificate unless verification is off', async () => {
    expect(await probe({ url })).toEqual({
      values: { CONNECTED: false },
      error: 'certificate is self-signed (trust its issuer, or set verify_tls: false to skip verification)',
    });
  });

  it('reports the certificate expiry when verification is off', async () => {
    const { values, error } = await probe({ url, verify_tls: false });
    expect(error).toBeUndefined();
    expect(values).toMatchObject({ STATUS: 200, BODY: 'secure', CONNECTED: true });
    expect(values.CERTIFICATE_EXPIRATION).toBeGreaterThan(41 * DAY - 60_000);
    expect(values.CERTIFICATE_EXPIRATION).toBeLessThanOrEqual(41 * DAY);
  });
});

describe('a kept-alive socket the server dropped while idle', () => {
  // Answers the first request on each connection and resets the connection on the second,
  // the way a server whose idle timeout just fired looks to the client.
  let requests = 0;
  const sockets = new Set<net.Socket>();
  const flaky = net.createServer((socket) => {
    sockets.add(socket);
    let onThisSocket = 0;
    socket.on('data', () => {
      requests++;
      if (++onThisSocket === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=60\r\n\r\nok');
      else socket.resetAndDestroy();
    });
  });
  let url = '';
  beforeAll(async () => {
    url = `http://127.0.0.1:${await listenOnLoopback(flaky)}/`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => flaky.close(() => resolve()));
  });

  it('is retried once on a fresh socket instead of failing the check', async () => {
    expect((await probe({ url })).values).toMatchObject({ STATUS: 200, BODY: 'ok' });
    const second = await probe({ url });
    expect(second.error).toBeUndefined();
    expect(second.values).toMatchObject({ STATUS: 200, BODY: 'ok' });
    expect(requests).toBe(3);
  });
});

describe('http config', () => {
  it('applies defaults and rejects unknown keys and other schemes', () => {
    expect(httpCheck.schema.parse({ url: 'http://x/' })).toEqual({
      url: 'http://x/', method: 'GET', headers: {}, follow_redirects: true, verify_tls: true,
    });
    const unknown = httpCheck.schema.safeParse({ url: 'http://x/', timeout: 5 });
    expect(unknown.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['timeout'] });
    const ftp = httpCheck.schema.safeParse({ url: 'ftp://x/' });
    expect(ftp.error?.issues[0]?.message).toBe('expected an http:// or https:// URL');
  });
});
