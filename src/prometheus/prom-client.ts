import { formatDuration } from '../time/index.ts';
import { readQueryAnswer } from './prom-envelope.ts';
import type { QueryOutcome } from './prom-result.ts';

/** Where a Prometheus answers: a datasource's resolved url, headers and timeout. */
export interface PrometheusEndpoint {
  /** Base URL without a trailing slash: http://127.0.0.1:9090 */
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * The Prometheus HTTP API, the subset Opsdeck reads: instant queries. Never throws: every way a
 * query can fail comes back as a PromError whose message a responder can act on, because rules
 * and checks must report a failed query as a failed query, never as a value.
 */
export class PrometheusClient {
  readonly endpoint: PrometheusEndpoint;
  private readonly queryUrl: string;

  constructor(endpoint: PrometheusEndpoint) {
    this.endpoint = endpoint;
    this.queryUrl = `${endpoint.url}/api/v1/query`;
  }

  /**
   * POST /api/v1/query (a form body, so long expressions never hit URL limits). `at` is the
   * evaluation instant in epoch ms: rules pass their clock's now, so what they decide and what
   * Prometheus computed are about the same moment.
   */
  async query(expr: string, at?: number, signal?: AbortSignal): Promise<QueryOutcome> {
    const form = new URLSearchParams({ query: expr });
    if (at !== undefined) form.set('time', (at / 1000).toFixed(3));
    // Prometheus stops a query at its own timeout with a clear 503; ours is the backstop for a Prometheus that does not answer at all.
    form.set('timeout', `${Math.max(1, Math.floor(this.endpoint.timeoutMs / 1000))}s`);
    const deadline = AbortSignal.timeout(this.endpoint.timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.queryUrl, {
        method: 'POST',
        headers: { ...this.endpoint.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
      body = await response.text();
    } catch (error) {
      return { ok: false, error: { kind: 'unreachable', status: null, message: this.unreachable(error, deadline.aborted) } };
    }
    return readQueryAnswer(response.status, body, this.queryUrl);
  }

  private unreachable(error: unknown, timedOut: boolean): string {
    const where = `Prometheus at ${this.endpoint.url}`;
    if (timedOut) return `${where} did not answer within ${formatDuration(this.endpoint.timeoutMs)}`;
    if (error instanceof Error && error.name === 'AbortError') return `the query to ${where} was aborted`;
    const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    switch (cause?.code) {
      case 'ECONNREFUSED':
        return `cannot reach ${where}: connection refused`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `cannot reach ${where}: unknown host ${new URL(this.endpoint.url).hostname}`;
      case 'ECONNRESET':
      case 'UND_ERR_SOCKET':
        return `${where} closed the connection before it answered`;
      case 'ETIMEDOUT':
      case 'UND_ERR_CONNECT_TIMEOUT':
        return `cannot reach ${where}: connecting timed out`;
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `cannot reach ${where}: host unreachable`;
    }
    const detail = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
    return `cannot reach ${where}: ${detail}`;
  }
}
