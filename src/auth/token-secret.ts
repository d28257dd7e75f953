import { createHmac, hash, randomBytes } from 'node:crypto';

/** Secrets look like `odk_<43 base64url chars>` so a leaked one is easy to grep for and revoke. */
export function newTokenSecret(): string {
  return `odk_${randomBytes(32).toString('base64url')}`;
}

/**
 * Only this hash is stored; a database dump does not hand out working tokens. API tokens and
 * integration routing keys alike. The one-shot hash: no Hash object per request (createHash was
 * 3% of the Events v2 ingest's CPU).
 */
export function hashTokenSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/**
 * For URLs that are themselves the credential (calendar feeds, heartbeat pings: callers that cannot
 * send a token): an HMAC of what the URL shows under a secret the installation generated once.
 * Nothing secret is in the config, it cannot be guessed from the id, and it is stable across restarts.
 */
export function capabilityKey(secret: string, kind: string, id: string): string {
  return createHmac('sha256', secret).update(`${kind}:${id}`).digest('base64url').slice(0, 32);
}
