import { createHmac } from 'node:crypto';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the scheme Stripe and GitHub receivers
 * already know: the timestamp is inside the MAC so a captured request cannot be replayed later
 * with a fresh timestamp header, and a receiver can reject ones older than a few minutes.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
