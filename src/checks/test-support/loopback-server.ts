import type { AddressInfo, Server } from 'node:net';

/** Starts any node server (net, http, https, tls) on 127.0.0.1 and returns its port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Stops a server, dropping kept-alive client connections so the close does not wait for them. */
export async function closeServer(server: Server): Promise<void> {
  const closing = new Promise<void>((resolve) => server.close(() => resolve()));
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  await closing;
}
