/** The CLI talks to a running server only through /api/v1, like the console. */
export interface ApiClientOptions {
  url?: string;
  token?: string;
}

export function apiClient(options: ApiClientOptions) {
  const base = (options.url ?? process.env.OPSDECK_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const token = options.token ?? process.env.OPSDECK_TOKEN;
  if (!token) throw new Error('no token: pass --token or set OPSDECK_TOKEN (create one with `opsdeck tokens create --role responder`)');
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new Error(`cannot reach Opsdeck at ${base}: ${(err as Error).cause ?? (err as Error).message} (set --url or OPSDECK_URL)`);
    }
    const payload = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) throw new Error(`${response.status}: ${payload.error ?? response.statusText}`);
    return payload as T;
  };
}
