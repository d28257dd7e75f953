import { randomBytes } from 'node:crypto';

/** 32 random bytes, URL-safe: the capability behind a subscriber's confirm and unsubscribe links. */
export function newSubscriberToken(): string {
  return randomBytes(32).toString('base64url');
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

export function confirmUrl(publicUrl: string, token: string): string {
  return `${base(publicUrl)}/status/confirm/${encodeURIComponent(token)}`;
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${base(publicUrl)}/status/unsubscribe/${encodeURIComponent(token)}`;
}
