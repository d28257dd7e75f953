import { capabilityKey } from '../auth/index.ts';

/**
 * A ping URL is called by cron jobs and scripts that cannot hold a token, so the URL is the secret
 * (as calendar feeds are): the same key whatever restarts, so a pasted crontab line keeps working.
 */
export function pingKey(secret: string, heartbeatId: string): string {
  return capabilityKey(secret, 'heartbeat', heartbeatId);
}
