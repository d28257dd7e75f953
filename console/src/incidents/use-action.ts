import { useCallback, useState } from 'react';
import { api } from '../api/client.ts';
import { explainFailure } from '../api/explain-failure.ts';
import type { Role } from '../api/types.ts';

export interface Action {
  busy: boolean;
  error: string | undefined;
  /** POSTs `body` to `url`; resolves true on success, so callers can clear a form. */
  run: (url: string, body?: unknown) => Promise<boolean>;
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
        setError(explainFailure(e, role));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [role, onDone],
  );

  return { busy, error, run };
}
