import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './client.ts';

export interface PollState<T> {
  /** The last good answer; kept while a new one loads or after an error, so the screen never blanks. */
  data: T | undefined;
  /** The last failure, cleared by the next success. */
  error: Error | undefined;
  /** When `data` arrived (epoch ms), to say how old it is while the server is unreachable. */
  loadedAt: number | undefined;
  /** True when `data` answered a different key than the current one (filters just changed). */
  stale: boolean;
  /** Fetch now (after an action) instead of waiting for the next tick. */
  refresh: () => void;
}

/**
 * Loads `load()` now and again every `intervalMs` after each answer, so a slow server never
 * has two requests from one screen in flight. A new `key` (the request's parameters) aborts
 * the request in flight and loads at once. Polling pauses while the tab is hidden and resumes
 * with an immediate load when it is shown again.
 */
export function usePoll<T>(key: string, load: (signal: AbortSignal) => Promise<T>, intervalMs: number): PollState<T> {
  const [state, setState] = useState<{ key: string; data: T | undefined; error: Error | undefined; loadedAt: number | undefined }>({
    key,
    data: undefined,
    error: undefined,
    loadedAt: undefined,
  });
  const [nonce, setNonce] = useState(0);
  // The latest closure, without restarting the loop on every render.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const tick = async (): Promise<void> => {
      timer = undefined;
      if (document.hidden) return; // resumed by the visibility listener
      inFlight = true;
      try {
        const data = await loadRef.current(controller.signal);
        if (!stopped) setState({ key, data, error: undefined, loadedAt: Date.now() });
      } catch (error) {
        if (!stopped && !isAbort(error)) {
          setState((previous) => ({ ...previous, error: error instanceof Error ? error : new Error(String(error)) }));
        }
      } finally {
        inFlight = false;
        if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
      }
    };

    const onVisibility = (): void => {
      if (document.hidden || inFlight) return;
      if (timer !== undefined) clearTimeout(timer);
      void tick();
    };

    void tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [key, intervalMs, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loadedAt: state.loadedAt, stale: state.key !== key, refresh };
}
