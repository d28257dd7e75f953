import type { StatusPageDef } from '../config/index.ts';

export const ACCESS_COOKIE = 'opsdeck_status';
/** A browser that opened a private page once keeps it for a working day. */
const COOKIE_MAX_AGE_S = 12 * 3600;

export interface AccessRequest {
  /** The path asked for, without the query. */
  path: string;
  authorization: string | undefined;
  cookie: string | undefined;
  /** `?token=` on the page's URL: how the console hands its session to the page. */
  queryToken: string | null;
  secure: boolean;
}

export type AccessDecision =
  | { kind: 'allow' }
  /** The token was good: keep it in an HttpOnly cookie and load the page again without it in the URL. */
  | { kind: 'remember'; setCookie: string; location: string }
  | { kind: 'deny'; reason: string };

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * Who may read a page: anyone for a public one; for a private one, a valid API token from the
 * Authorization header, the page's cookie, or a `?token=` query that is then swapped for the
 * cookie (scoped to the page's path, HttpOnly, SameSite=Lax), so the token leaves the address bar
 * and the history at once. A revoked token stops working at the next request: it is checked each time.
 */
export async function decideAccess(page: StatusPageDef, request: AccessRequest, valid: (secret: string) => Promise<boolean>): Promise<AccessDecision> {
  if (page.access === 'public') return { kind: 'allow' };
  const bearer = request.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return (await valid(bearer)) ? { kind: 'allow' } : { kind: 'deny', reason: 'unknown or revoked token' };
  if (request.queryToken) {
    if (!(await valid(request.queryToken))) return { kind: 'deny', reason: 'unknown or revoked token' };
    const attributes = [`Path=${page.path}`, `Max-Age=${COOKIE_MAX_AGE_S}`, 'HttpOnly', 'SameSite=Lax', ...(request.secure ? ['Secure'] : [])];
    return { kind: 'remember', setCookie: `${ACCESS_COOKIE}=${encodeURIComponent(request.queryToken)}; ${attributes.join('; ')}`, location: request.path };
  }
  const fromCookie = cookieValue(request.cookie, ACCESS_COOKIE);
  if (fromCookie && (await valid(fromCookie))) return { kind: 'allow' };
  return { kind: 'deny', reason: fromCookie ? 'the saved sign-in is no longer valid' : 'this status page is private' };
}
