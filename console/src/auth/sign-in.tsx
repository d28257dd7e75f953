import { useState, type FormEvent } from 'react';
import { ApiError, api, apiPath } from '../api/client.ts';
import type { Me } from '../api/types.ts';

interface SignInProps {
  message: string | undefined;
  onSignedIn: (token: string, me: Me) => void;
}

/** Paste a token; it is checked against /me before it is kept, so a typo is caught here. */
export function SignIn({ message, onSignedIn }: SignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setError('Paste a token first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await api<Me>(apiPath('/me'), { token: candidate });
      onSignedIn(candidate, me);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError('That token was not accepted (401). Check that it was copied whole and has not been revoked.');
      else setError(`Could not reach the Opsdeck server: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Opsdeck</h1>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p className="muted">
        On first start the server prints a sign-in URL ending in <code>#token=…</code>; open it, or paste the token here.
        An admin can create more with <code>POST /api/v1/tokens</code>.
      </p>
    </main>
  );
}
