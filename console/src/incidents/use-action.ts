import { useCallback, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Role } from '../api/types.ts';

export interface Action {
  busy: boolean;
  error: string | undefined;
  /** POSTs `body` to `url`; resolves true on success, so callers can clear a form. */
  run: (url: string, body?: unknown) => Promise<boolean>;
}

/** Words for a failed action that tell the responder what to do next, not just the status code. */
function explain(error: unknown, role: Role | undefined): string {
  if (error instanceof ApiError) {
    if (error.status === 403) {
      return role
        ? `Your token's role (${role}) cannot do this. Ask an admin for a responder token.`
        : "Your token's role cannot do this. Ask an admin for a responder token.";
    }
    if (error.status === 409) return `Not done: ${error.message} (someone may have changed the incident meanwhile).`;
    return `Not done: ${error.message} (${error.status}).`;
  }
  return `Not done: could not reach the server (${error instanceof Error ? error.message : String(error)}).`;
}

/** One in-flight POST at a time per incident page, then `onDone` to refetch the incident and its timeline. */
export function useAction(role: Role | undefined, onDone: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const run = useCallback(
    async (url: string, body?: unknown): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await api<unknown>(url, { method: 'POST', body: body ?? {} });
        onDone();
        return true;
      } catch (e) {
        setError(explain(e, role));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [role, onDone],
  );

  return { busy, error, run };
}
