import { useCallback, useEffect, useState } from 'react';
import { api, apiPath, onUnauthorized } from '../api/client.ts';
import { clearToken, readToken, writeToken } from '../api/token-store.ts';
import type { Me } from '../api/types.ts';

export interface Session {
  token: string | null;
  /** Who the token belongs to; undefined until /me answers. */
  me: Me | undefined;
  /** Why the sign-in form is showing, when it is not a first visit. */
  message: string | undefined;
  signIn: (token: string, me: Me) => void;
  signOut: () => void;
}

export function useSession(): Session {
  const [token, setToken] = useState(readToken);
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);

  const signIn = useCallback((next: string, who: Me) => {
    writeToken(next);
    setToken(next);
    setMe(who);
    setMessage(undefined);
  }, []);

  const signOut = useCallback(() => {
    clearToken();
    setToken(null);
    setMe(undefined);
    setMessage('Signed out.');
  }, []);

  // Any 401 from any screen ends the session: the token was revoked or mistyped.
  useEffect(
    () =>
      onUnauthorized(() => {
        clearToken();
        setToken(null);
        setMe(undefined);
        setMessage('The server did not accept your token (401). It may have been revoked; paste a valid token to sign in again.');
      }),
    [],
  );

  // A token adopted from the sign-in URL or kept from an earlier visit: learn whose it is.
  useEffect(() => {
    if (!token || me) return;
    const controller = new AbortController();
    api<Me>(apiPath('/me'), { signal: controller.signal }).then(setMe, () => {
      // 401 is handled by the listener above; other failures (server restarting) leave the
      // session in place and the pages show their own connection errors.
    });
    return () => controller.abort();
  }, [token, me]);

  return { token, me, message, signIn, signOut };
}
