// Where the bearer token lives between visits. localStorage rather than a cookie because the
// API authenticates with `Authorization: Bearer`, and the sign-in URL hands the token over in the hash.

const KEY = 'opsdeck.token';

export function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled (private mode, policy): behave as signed out
  }
}

export function writeToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function clearToken(): void {
  localStorage.removeItem(KEY);
}

/**
 * Takes a token from a sign-in URL (`/#token=<secret>`), stores it, and strips it from the
 * address bar so the secret does not linger in history, screenshots or shared links.
 */
export function adoptTokenFromHash(): void {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash) return;
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (!token) return;
  writeToken(token.trim());
  params.delete('token');
  const rest = params.toString();
  const url = window.location.pathname + window.location.search + (rest ? `#${rest}` : '');
  window.history.replaceState(window.history.state, '', url);
}
