/**
 * Turns what Node's sockets throw into sentences a responder reads at 03:00:
 * `connection refused by db.internal:5432`, not `connect ECONNREFUSED 10.0.0.7:5432`.
 */
export interface NetworkTarget {
  host: string;
  port: number;
}

const VERIFY_HINT = ' (trust its issuer, or set verify_tls: false to skip verification)';

/** OpenSSL verification codes, as tls sockets report them in `authorizationError` or `error.code`. */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: `certificate is self-signed${VERIFY_HINT}`,
  SELF_SIGNED_CERT_IN_CHAIN: `certificate chain ends in an untrusted self-signed root${VERIFY_HINT}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `certificate issuer is unknown or the server sends an incomplete chain${VERIFY_HINT}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `certificate issuer is unknown or the server sends an incomplete chain${VERIFY_HINT}`,
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
};

export function describeCertificateProblem(code: string): string {
  return CERTIFICATE_PROBLEMS[code] ?? `certificate was rejected: ${code}`;
}

export function describeNetworkError(error: unknown, target: NetworkTarget): string {
  const where = `${target.host}:${target.port}`;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code in CERTIFICATE_PROBLEMS) return describeCertificateProblem(code);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `could not resolve host ${target.host}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return message === 'socket hang up' ? `connection closed by ${where} before it answered` : `connection reset by ${where}`;
    case 'ETIMEDOUT':
      return `connection to ${where} timed out`;
    case 'EHOSTUNREACH':
      return `host ${target.host} is unreachable`;
    case 'ENETUNREACH':
      return `network unreachable for ${where}`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `certificate is not valid for ${target.host}: ${message.replace(/^Hostname\/IP does not match certificate's altnames: /, '')}`;
    case 'ABORT_ERR':
      return 'aborted';
  }
  if (typeof code === 'string' && (code === 'EPROTO' || code.startsWith('ERR_SSL_'))) {
    return `TLS handshake with ${where} failed: ${message}`;
  }
  if (typeof code === 'string' && code.startsWith('HPE_')) return `invalid HTTP response from ${where}: ${message}`;
  return message;
}
