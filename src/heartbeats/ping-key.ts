import { createHmac } from 'node:crypto';

/**
 * A ping URL is called by cron jobs and scripts that cannot hold a token, so the URL is the secret:
 * an HMAC of the heartbeat's id under a secret the installation generated once (as calendar feeds
 * are). Nothing secret is in the config, a key cannot be guessed from the id, and it stays the same
 * across restarts, so a pasted crontab line keeps working.
 */
export function pingKey(secret: string, heartbeatId: string): string {
  return createHmac('sha256', secret).update(`heartbeat:${heartbeatId}`).digest('base64url').slice(0, 32);
}
