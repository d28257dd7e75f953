import type { OutgoingHttpHeaders } from 'node:http';
import { describeNetworkError } from '../network-error-text.ts';
import { certificateExpiry, openResponse, readBody } from './http-exchange.ts';
import type { ExchangeRequest } from './http-exchange.ts';

export interface HttpRequestSpec {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  body?: string | undefined;
  verifyTls: boolean;
  followRedirects: boolean;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** notAfter of the certificate that served the final response, epoch ms; null over plain HTTP. */
  certificateExpiresAt: number | null;
  /** Where the final response came from, after redirects. */
  url: URL;
}

export const MAX_REDIRECTS = 5;
export const MAX_BODY_BYTES = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin must not follow a redirect to another.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * The lean HTTP client every http check (and the benchmark's bare loop) uses:
 * node:http on shared keep-alive agents, redirects followed by hand, the body
 * capped. Rejects with an Error whose message is meant for people.
 */
export async function httpRequest(spec: HttpRequestSpec, signal?: AbortSignal): Promise<HttpResponse> {
  let request: ExchangeRequest = { url: spec.url, method: spec.method, headers: spec.headers, body: spec.body, verifyTls: spec.verifyTls };
  for (let redirects = 0; ; redirects++) {
    const res = await openResponse(request, signal).catch((error: unknown) => {
      throw new Error(describeNetworkError(error, targetOf(request.url)), { cause: error });
    });
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (!spec.followRedirects || !REDIRECTS.has(status) || location === undefined) {
      const certificateExpiresAt = certificateExpiry(res);
      const body = await readBody(res, MAX_BODY_BYTES).catch((error: unknown) => {
        throw new Error(describeNetworkError(error, targetOf(request.url)), { cause: error });
      });
      return { status, body, certificateExpiresAt, url: request.url };
    }
    // Drain so the socket goes back to the pool for the next hop.
    res.resume();
    const next = URL.canParse(location, request.url) ? new URL(location, request.url) : null;
    if (next === null || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
      throw new Error(`${request.url.href} redirected (${status}) to ${JSON.stringify(location)}, which is not an http(s) URL`);
    }
    if (redirects === MAX_REDIRECTS) {
      throw new Error(`stopped after ${MAX_REDIRECTS} redirects; the last one (${status}) pointed to ${next.href}`);
    }
    request = redirected(request, status, next);
  }
}

function redirected(previous: ExchangeRequest, status: number, url: URL): ExchangeRequest {
  // 303, and 301/302 after anything but GET/HEAD, turn into a GET without a body, as browsers do.
  const becomesGet = status === 303 || ((status === 301 || status === 302) && previous.method !== 'GET' && previous.method !== 'HEAD');
  let headers = previous.headers;
  if (url.origin !== previous.url.origin) {
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !ORIGIN_BOUND_HEADERS.includes(name.toLowerCase())));
  }
  return {
    url,
    method: becomesGet ? 'GET' : previous.method,
    headers,
    body: becomesGet ? undefined : previous.body,
    verifyTls: previous.verifyTls,
  };
}

function targetOf(url: URL): { host: string; port: number } {
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host: url.hostname, port };
}
