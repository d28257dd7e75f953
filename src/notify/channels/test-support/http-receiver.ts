import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers the nth request (0-based): a status and body, or 'hang' to never answer. */
export type Answer = { status: number; body?: string; contentType?: string } | 'hang';

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Sockets the server has open right now; a client that gave up must have closed its end. */
  openSockets(): number;
  /** Resolves once no socket is open, or rejects after `ms`. */
  waitForNoSockets(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request and answers as told. */
export async function startHttpReceiver(answer: (index: number, request: ReceivedRequest) => Answer): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const reply = answer(requests.length, request);
      requests.push(request);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain' });
      res.end(reply.body ?? '');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openSockets: () => sockets.size,
    async waitForNoSockets(ms) {
      const deadline = Date.now() + ms;
      while (sockets.size > 0) {
        if (Date.now() > deadline) throw new Error(`expected the client to close its sockets within ${ms} ms; ${sockets.size} still open`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closing;
    },
  };
}
