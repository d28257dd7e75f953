import { useEffect, useReducer, useRef } from 'react';
import { apiPath } from '../api/client.ts';
import { readToken } from '../api/token-store.ts';
import { isLive } from './runbook-types.ts';
import { EMPTY_STREAM, foldStream, parseStreamMessage, type StreamState } from './run-stream.ts';

/**
 * Follows /runbook-runs/:id/stream. EventSource cannot send an Authorization header, so the
 * console's token goes in `?token=` (the one route that accepts it). The stream ends when the
 * run ends; EventSource would then reconnect and replay it all, so the hook closes it once it
 * hears a final run status, or on a dropped connection once the polled run (`ended`) says
 * there is nothing left to wait for.
 */
export function useRunStream(runId: number, ended: boolean): StreamState {
  const [state, dispatch] = useReducer(foldStream, EMPTY_STREAM);
  const endedRef = useRef(ended);
  endedRef.current = ended;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(apiPath(`/runbook-runs/${runId}/stream`, { token: readToken() ?? undefined }));
    const listen = (name: 'step' | 'output' | 'run') => (message: MessageEvent<string>) => {
      const event = parseStreamMessage(name, message.data, message.lastEventId);
      if (!event) return;
      dispatch(event);
      if (event.type === 'run' && !isLive(event.status)) source.close();
    };
    source.addEventListener('open', () => dispatch({ type: 'open' }));
    source.addEventListener('step', listen('step'));
    source.addEventListener('output', listen('output'));
    source.addEventListener('run', listen('run'));
    source.addEventListener('error', () => {
      if (endedRef.current) source.close();
    });
    return () => source.close();
  }, [runId]);

  return state;
}
