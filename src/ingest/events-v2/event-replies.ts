/**
 * PagerDuty's answers, field for field, so existing senders (Alertmanager's pagerduty_config,
 * monitoring tools, CI scripts) read them as they read PagerDuty's. `errors` always says which
 * field and what was expected: a 4xx is final (senders do not retry it), so it must be fixable.
 */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export const accepted = (dedupKey: string): Reply => ({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } });

export const changeAccepted = (): Reply => ({ status: 202, body: { status: 'success', message: 'Change event processed' } });

export const invalid = (errors: string[]): Reply => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });

/** Unknown or revoked keys are 404 (the key, not the event, is wrong), with the way to make one. */
export const unknownKey = (reason: string): Reply => ({
  status: 404,
  body: { status: 'invalid event', message: 'Routing key not found', errors: [reason] },
});

export const tooLarge = (limit: number): Reply => ({
  status: 413,
  body: { status: 'invalid event', message: 'Request entity too large', errors: [`the body is larger than ${limit} bytes (${limit / 1024} KB), the limit for one event`] },
});

export const throttled = (perMinute: number, retryAfterMs: number): Reply => ({
  status: 429,
  headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  body: {
    status: 'throttle event',
    message: 'Requests for this service are arriving too quickly. Please retry later.',
    errors: [`more than ${perMinute} events a minute for this routing key (the integration's rate_limit); retry in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`],
  },
});

export const failed = (): Reply => ({
  status: 500,
  body: { status: 'error', message: 'The event could not be stored', errors: ['internal error, nothing was recorded; retry (the server log says more)'] },
});
