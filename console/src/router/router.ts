import { useMemo, useSyncExternalStore } from 'react';

// A history-based router: the server answers every non-API path with index.html, so paths
// like /incidents/42 are real, shareable URLs. Filters live in the query string for the same reason.

const CHANGE = 'opsdeck:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

// A string snapshot, so React sees "no change" unless the address actually changed.
function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { path: url.pathname, query: url.searchParams };
  }, [href]);
}

/** `path` with `query`, dropping empty values so URLs stay short and defaults stay implicit. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Updates some query parameters of the current URL. Typing in a filter replaces the entry
 * rather than pushing one per keystroke, so Back leaves the page instead of un-typing.
 */
export function setQuery(changes: Record<string, string | number | undefined>, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  navigate(window.location.pathname + (qs ? `?${qs}` : ''), options);
}
