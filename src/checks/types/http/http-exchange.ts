import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { agentFor } from './http-agents.ts';

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  body: string | undefined;
  verifyTls: boolean;
}

/** A socket's certificate never changes, so it is read once per socket, not once per request. */
const expiryBySocket = new WeakMap<TLSSocket, number | null>();

/**
 * Sends one request and resolves with the response head; the body is left
 * for readBody or for draining. A kept-alive socket the server closed while
 * it sat idle fails with ECONNRESET before any byte arrives; that request
 * never reached the server, so it is sent once more on a fresh socket
 * rather than reported as an outage.
 */
export async function openResponse(request: ExchangeRequest, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  try {
    return await sendOnce(request, signal, true);
  } catch (error) {
    if (!(error as { staleSocket?: boolean }).staleSocket) throw error;
    return sendOnce(request, signal, false);
  }
}

function sendOnce(request: ExchangeRequest, signal: AbortSignal | undefined, mayRetry: boolean): Promise<IncomingMessage> {
  const { url, method, headers, body, verifyTls } = request;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method, headers, agent: agentFor(url.protocol, verifyTls), signal }, resolve);
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (mayRetry && req.reusedSocket && error.code === 'ECONNRESET') Object.assign(error, { staleSocket: true });
      reject(error);
    });
    req.end(body);
  });
}

/** Collects at most `maxBytes` of the body; past that the response is cut off rather than downloaded. */
export function readBody(res: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = maxBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= maxBytes) {
        finish();
        res.destroy();
      }
    });
    res.on('end', finish);
    res.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    res.on('close', () => {
      if (!settled && !res.complete) {
        settled = true;
        reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      }
    });
  });
}

/** notAfter of the peer certificate as epoch ms, or null over plain HTTP. */
export function certificateExpiry(res: IncomingMessage): number | null {
  const socket = res.socket as TLSSocket | null;
  if (!socket || typeof socket.getPeerCertificate !== 'function') return null;
  let expiry = expiryBySocket.get(socket);
  if (expiry === undefined) {
    const validTo = socket.getPeerCertificate().valid_to;
    expiry = validTo ? Date.parse(validTo) : null;
    expiryBySocket.set(socket, expiry);
  }
  return expiry;
}
