import { api, apiPath } from '../api/client.ts';
import type { ConfigStatus } from '../api/types.ts';
import { usePoll } from '../api/use-poll.ts';
import { formatAbsolute } from '../ui/time-format.ts';

const loadStatus = (signal: AbortSignal) => api<ConfigStatus>(apiPath('/config/status'), { signal });

/**
 * A failed reload leaves the server running the previous config, which is easy to miss:
 * the edit "went in" but nothing changed. This banner says so on every screen until fixed.
 */
export function ConfigBanner() {
  const { data } = usePoll('config', loadStatus, 5000);
  if (!data || data.ok) return null;
  return (
    <div className="config-banner" role="alert" data-testid="config-banner">
      <strong>The last config reload failed; still running the previous config.</strong>
      {data.lastAttemptAt !== null && (
        <span className="banner-meta">
          {' '}
          Attempted {formatAbsolute(data.lastAttemptAt)}
          {data.directory ? ` in ${data.directory}` : ''}.
        </span>
      )}
      {data.errors.length > 0 && (
        <ul>
          {data.errors.map((error, i) => (
            <li key={i}>
              <code>{error}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
