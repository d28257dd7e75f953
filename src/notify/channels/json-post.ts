import { httpRequest } from '../../checks/index.ts';
import type { SendContext, SendOutcome } from '../notify-types.ts';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * POSTs one JSON document with the client the http checks use (shared keep-alive agents, body
 * capped, errors in words), never following redirects: a webhook that moved is a config problem
 * to fix, not something to chase with a signed body. The request carries an abort signal that
 * fires on ctx.signal or after timeoutMs, and node:http destroys the socket on abort rather than
 * handing a half-used one back to the pool, so a receiver that never answers holds nothing.
 *
 * Resolves with the receiver's answer, or with a retryable failure when there was none.
 */
export async function postJson(
  url: URL,
  headers: Record<string, string>,
  body: string,
  ctx: SendContext,
  timeoutMs: number,
): Promise<HttpAnswer | Extract<SendOutcome, { ok: false }>> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  try {
    const res = await httpRequest(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers, 'content-length': String(Buffer.byteLength(body)) },
        body,
        verifyTls: true,
        followRedirects: false,
      },
      signal,
    );
    return { status: res.status, body: res.body };
  } catch (error) {
    const where = url.host;
    if (ctx.signal.aborted) return { ok: false, retryable: true, reason: `aborted before ${where} answered (shutting down or cancelled)` };
    if (timeout.aborted) return { ok: false, retryable: true, reason: `no answer from ${where} within ${timeoutMs} ms` };
    return { ok: false, retryable: true, reason: `could not reach ${where}: ${(error as Error).message}` };
  }
}

export const USER_AGENT = 'Opsdeck-Notifier/1';

/** Statuses that say "try again later" rather than "this request is wrong". */
const RETRYABLE_STATUSES = new Set([408, 425, 429]);

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || RETRYABLE_STATUSES.has(status);
}

/** The common reading of an HTTP answer: 2xx sent; 408, 425, 429 and 5xx retryable; anything else is permanent. */
export function outcomeOfAnswer(who: string, answer: HttpAnswer): SendOutcome {
  if (answer.status >= 200 && answer.status < 300) return { ok: true, detail: `${who} answered ${answer.status}` };
  return { ok: false, retryable: isRetryableStatus(answer.status), reason: `${who} answered ${answer.status}${excerpt(answer.body)}` };
}

const EXCERPT_CHARS = 200;

/** A short, single-line piece of a response body for a delivery log: enough to recognise the error. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  return `: ${flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat}`;
}
