import { createServer, type Server } from 'node:http';

/** A real HTTP target on 127.0.0.1 whose health the test flips. */
export interface HttpTarget {
  url: string;
  port: number;
  setStatus(status: number): void;
  close(): Promise<void>;
}

export async function startHttpTarget(status = 200): Promise<HttpTarget> {
  let current = status;
  const server: Server = createServer((_req, res) => {
    res.writeHead(current, { 'content-type': 'application/json' }).end(JSON.stringify({ status: current < 400 ? 'UP' : 'DOWN' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setStatus: (s) => void (current = s),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
