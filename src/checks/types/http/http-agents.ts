import http from 'node:http';
import https from 'node:https';

/**
 * One keep-alive agent per (protocol, verification) for the whole process.
 * At 1,700 checks a second, a fresh TCP and TLS handshake per run costs more
 * than the checks themselves; shared agents reuse sockets and TLS sessions
 * across every check that targets the same host. LIFO hands out the most
 * recently used socket, which is the one least likely to have been closed
 * by the server while idle.
 */
const plain = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
const verifying = new https.Agent({ keepAlive: true, scheduling: 'lifo', rejectUnauthorized: true });
const trusting = new https.Agent({ keepAlive: true, scheduling: 'lifo', rejectUnauthorized: false });

export function agentFor(protocol: string, verifyTls: boolean): http.Agent {
  if (protocol === 'http:') return plain;
  return verifyTls ? verifying : trusting;
}
