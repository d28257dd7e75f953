import type { SendOutcome } from '../../notify-types.ts';

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message: string;
}

/** Nodemailer codes for a message or envelope it refused before talking to anyone: retrying sends the same. */
const REFUSED_LOCALLY = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EAUTH', 'EREQUIRETLS']);

/**
 * SMTP's own split: a 5yz reply is permanent and a 4yz reply transient (RFC 5321 4.2.1), except
 * 503 (bad sequence), which says the session was confused, not that the message was refused.
 * Without a reply the connection failed (refused, reset, TLS, timeout), which is worth retrying,
 * unless nodemailer refused the message itself.
 */
export function outcomeOfSmtpError(error: unknown, where: string): Extract<SendOutcome, { ok: false }> {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpError;
  const code = e.responseCode;
  if (typeof code === 'number' && code >= 400) {
    const reply = (e.response ?? e.message).replace(/\s+/g, ' ').trim();
    const answered = e.command ? `answered ${e.command} with` : 'answered';
    return { ok: false, retryable: code < 500 || code === 503, reason: `SMTP server ${where} ${answered} ${reply}` };
  }
  if (e.code !== undefined && REFUSED_LOCALLY.has(e.code)) return { ok: false, retryable: false, reason: `could not send via ${where}: ${e.message}` };
  return { ok: false, retryable: true, reason: `could not talk to SMTP server ${where}: ${readable(e.message)}` };
}

const OPENSSL_LINE = /^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):.*$/s;

/** OpenSSL's and Node's wording, cut to what a person can act on, with the setting that matters. */
function readable(message: string): string {
  const ssl = OPENSSL_LINE.exec(message.trim());
  if (ssl?.[1] === 'wrong version number') {
    return 'TLS handshake failed (wrong version number): the server does not speak TLS on this port; use secure: false with STARTTLS, or the implicit-TLS port';
  }
  if (ssl) return `TLS handshake failed: ${ssl[1]}`;
  if (/certificate/i.test(message)) {
    return `${message.replace(/; if the root CA is installed locally.*$/s, '')} (trust its issuer, or set tls_verify: false under notifications.smtp)`;
  }
  return message;
}
