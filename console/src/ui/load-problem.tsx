import { ApiError } from '../api/client.ts';
import { formatAbsolute } from './time-format.ts';

/**
 * Says plainly when what is on screen may be out of date. During an outage the console's own
 * server may be struggling too; old data shown as if live is worse than no data.
 */
export function LoadProblem({ what, error, loadedAt }: { what: string; error: Error | undefined; loadedAt: number | undefined }) {
  if (!error) return null;
  const reason = error instanceof ApiError ? `${error.status}: ${error.message}` : error.message;
  return (
    <p className="load-problem" role="status">
      {loadedAt === undefined
        ? `Could not load ${what} (${reason}). Retrying…`
        : `Could not refresh ${what} (${reason}). Showing data from ${formatAbsolute(loadedAt)}; retrying…`}
    </p>
  );
}
