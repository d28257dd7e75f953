import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { z } from 'zod';
import type { CheckType, Probe, ProbeOutcome } from '../../check-type.ts';
import { portField } from '../endpoint-fields.ts';
import { describeCertificateProblem, describeNetworkError } from '../network-error-text.ts';

const schema = z.strictObject({
  host: z.string().min(1),
  port: portField.default(443),
  /** SNI name and the name the certificate must carry; defaults to host. */
  servername: z.string().min(1).optional(),
  verify_tls: z.boolean().default(true),
  /** PEM bundle of extra trusted issuers, for internal CAs. */
  ca_file: z.string().min(1).optional(),
});

export type TlsCheckConfig = z.output<typeof schema>;

export const tlsCheck: CheckType<TlsCheckConfig> = {
  name: 'tls',
  schema,
  defaultExpect: ['[CERTIFICATE_EXPIRATION] > 14d'],
  placeholders: ['CERTIFICATE_EXPIRATION', 'CONNECTED', 'RESPONSE_TIME'],
  create(config): Probe {
    const name = config.servername ?? config.host;
    const ca = config.ca_file === undefined ? undefined : [...tls.rootCertificates, readFileSync(config.ca_file, 'utf8')];
    const options: tls.ConnectionOptions = {
      host: config.host,
      port: config.port,
      // SNI must be a host name; servers get none when the check targets an address.
      servername: net.isIP(name) ? undefined : name,
      // Verification is done by hand after the handshake so an expired or
      // untrusted certificate still reports its expiry alongside the error.
      rejectUnauthorized: false,
      ca,
    };
    return ({ signal }) =>
      new Promise<ProbeOutcome>((resolve) => {
        const started = performance.now();
        const socket = tls.connect(options, () => {
          signal.removeEventListener('abort', abort);
          const certificate = socket.getPeerCertificate();
          const values = {
            CONNECTED: true,
            RESPONSE_TIME: Math.round(performance.now() - started),
            CERTIFICATE_EXPIRATION: Date.parse(certificate.valid_to) - Date.now(),
          };
          const problem = config.verify_tls ? verificationProblem(socket, name, certificate) : undefined;
          resolve(problem === undefined ? { values } : { values, error: problem });
          socket.destroy();
        });
        // tls.connect, unlike net.connect, takes no signal.
        const abort = (): void => {
          socket.destroy();
          resolve({ values: { CONNECTED: false }, error: 'aborted' });
        };
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
        socket.once('error', (error) => {
          signal.removeEventListener('abort', abort);
          resolve({ values: { CONNECTED: false }, error: describeNetworkError(error, config) });
        });
      });
  },
};

function verificationProblem(socket: tls.TLSSocket, name: string, certificate: tls.PeerCertificate): string | undefined {
  if (socket.authorized) return undefined;
  // Node checks chain and name itself and leaves the failing code here as a string, typings notwithstanding.
  const code = String(socket.authorizationError);
  if (code !== 'ERR_TLS_CERT_ALTNAME_INVALID') return describeCertificateProblem(code);
  const mismatch = tls.checkServerIdentity(name, certificate) as (Error & { reason?: string }) | undefined;
  return `certificate is not valid for ${name}: ${mismatch?.reason ?? 'its names do not match'}`;
}
