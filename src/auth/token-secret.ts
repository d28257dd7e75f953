import { createHash, randomBytes } from 'node:crypto';

/** Secrets look like `odk_<43 base64url chars>` so a leaked one is easy to grep for and revoke. */
export function newTokenSecret(): string {
  return `odk_${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored; a database dump does not hand out working tokens. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
