import { readToken } from './token-store.ts';

/** An answer other than 2xx, carrying the server's `{ error, field }` when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
  }
}

// A 401 anywhere means the token is gone or revoked; the app shell listens and returns to sign-in.
type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Use this token instead of the stored one (sign-in verifies a pasted token before storing it). */
  token?: string;
}

export type Query = Record<string, string | number | undefined>;

/** Builds `/api/v1<path>?...`, leaving out empty parameters so the server's defaults apply. */
export function apiPath(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const token = options.token ?? readToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
    cache: 'no-store',
  });

  if (response.ok) return (await response.json()) as T;

  const { message, field } = await readError(response);
  if (response.status === 401 && options.token === undefined) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw new ApiError(response.status, message, field);
}

async function readError(response: Response): Promise<{ message: string; field?: string }> {
  const fallback = `${response.status} ${response.statusText || 'error'}`;
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text) as { error?: unknown; message?: unknown; field?: unknown };
      // Both shapes: `{ error: "...", field }` and `{ error: { code, message, field } }`.
      const nested = typeof body.error === 'object' && body.error !== null ? (body.error as { message?: unknown; field?: unknown }) : undefined;
      const message =
        typeof body.error === 'string'
          ? body.error
          : typeof nested?.message === 'string'
            ? nested.message
            : typeof body.message === 'string'
              ? body.message
              : fallback;
      const field = typeof body.field === 'string' ? body.field : typeof nested?.field === 'string' ? nested.field : undefined;
      return field !== undefined ? { message, field } : { message };
    } catch {
      return { message: text.trim() ? text.trim().slice(0, 300) : fallback };
    }
  } catch {
    return { message: fallback };
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
