import { quantile, median } from './bench-stats.ts';

export interface ApiTiming {
  name: string;
  path: string;
  status: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  bytes: number;
  /** `total` from a list answer, to show what the page was cut from. */
  total: number | null;
}

export interface ApiEndpoint {
  name: string;
  path: string;
  auth: boolean;
}

export function apiEndpoints(services: number): ApiEndpoint[] {
  const deep = Math.max(0, services - 50);
  const middle = `svc-${String(Math.floor(services / 2)).padStart(Math.max(5, String(services).length), '0')}`;
  return [
    { name: 'services, first page', path: '/api/v1/services?limit=50', auth: true },
    { name: 'services, search q=', path: '/api/v1/services?limit=50&q=group%2007', auth: true },
    { name: 'services, status=down', path: '/api/v1/services?limit=50&status=down', auth: true },
    { name: `services, offset=${deep}`, path: `/api/v1/services?limit=50&offset=${deep}`, auth: true },
    { name: 'services, limit=500 (largest page)', path: '/api/v1/services?limit=500', auth: true },
    { name: 'one service', path: `/api/v1/services/${middle}`, auth: true },
    { name: 'incidents (open)', path: '/api/v1/incidents', auth: true },
    { name: 'alerts (every rule, unpaged)', path: '/api/v1/alerts', auth: true },
    { name: 'console GET /', path: '/', auth: false },
    { name: '/metrics', path: '/metrics', auth: false },
  ];
}

/**
 * Sequential GETs, timed on the client from request to the last body byte over
 * loopback: an upper bound on the server's time. Two untimed requests first.
 */
export async function timeEndpoints(base: string, token: string | null, endpoints: ApiEndpoint[], requests: number): Promise<ApiTiming[]> {
  const out: ApiTiming[] = [];
  for (const endpoint of endpoints) {
    const headers: Record<string, string> = endpoint.auth && token ? { authorization: `Bearer ${token}` } : {};
    const times: number[] = [];
    let bytes = 0;
    let status = 0;
    let total: number | null = null;
    for (let i = 0; i < requests + 2; i++) {
      const t = performance.now();
      const response = await fetch(base + endpoint.path, { headers, signal: AbortSignal.timeout(30_000) });
      const body = new Uint8Array(await response.arrayBuffer());
      const ms = performance.now() - t;
      if (i >= 2) times.push(ms);
      bytes = body.length;
      status = response.status;
      if (i === 0 && response.headers.get('content-type')?.includes('json')) {
        const parsed = JSON.parse(new TextDecoder().decode(body)) as { total?: unknown };
        total = typeof parsed.total === 'number' ? parsed.total : null;
      }
    }
    out.push({ ...endpoint, status, medianMs: median(times), p95Ms: quantile(times, 0.95), maxMs: Math.max(...times), bytes, total });
  }
  return out;
}
