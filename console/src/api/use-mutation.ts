import { useCallback, useState } from 'react';
import { ApiError, api, type RequestOptions } from './client.ts';
import { explainFailure } from './explain-failure.ts';
import type { Role } from './types.ts';

export interface Mutation {
  busy: boolean;
  /** What went wrong, in words for a person; cleared by the next attempt. */
  error: string | undefined;
  /** The request field the server blamed (400 with `field`), so a form can point at the input. */
  field: string | undefined;
  /** Sends one change; resolves to the answer, or undefined when it failed (and `error` says why). */
  run: <T = unknown>(url: string, method: 'POST' | 'DELETE', body?: unknown) => Promise<T | undefined>;
}

/** One change at a time from a form or button, then `onDone` so the screen refetches at once. */
export function useMutation(role: Role | undefined, onDone: () => void): Mutation {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: string; field: string | undefined } | undefined>(undefined);

  const run = useCallback(
    async <T,>(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<T | undefined> => {
      setBusy(true);
      setFailure(undefined);
      try {
        const options: RequestOptions = { method };
        if (body !== undefined) options.body = body;
        const answer = await api<T>(url, options);
        onDone();
        return answer;
      } catch (e) {
        setFailure({ error: explainFailure(e, role), field: e instanceof ApiError ? e.field : undefined });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [role, onDone],
  );

  return { busy, error: failure?.error, field: failure?.field, run };
}
