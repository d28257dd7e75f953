import type { RunStatus, StepStatus } from './runbook-types.ts';

// What the run's event stream has said so far, folded by a pure reducer so the hook stays thin
// and the rules (replay on reconnect, stderr kept apart, a cap per step) are in one place.

export interface OutputSegment {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface StreamState {
  /** True once the server has answered. */
  open: boolean;
  steps: Record<number, { status: StepStatus; exitCode: number | null }>;
  output: Record<number, OutputSegment[]>;
  /** Characters dropped from the front of a step's output to keep the page responsive. */
  dropped: Record<number, number>;
  run: RunStatus | undefined;
  /** The highest SSE event id applied; undefined while the server sends none. */
  seq: number | undefined;
}

/** What the server sends; seq is the SSE event id when it sends one. */
export type RunEvent = (
  | { type: 'step'; index: number; status: StepStatus; exitCode: number | null }
  | { type: 'output'; index: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'run'; status: RunStatus }
) & { seq?: number };

export type StreamEvent = { type: 'open' } | RunEvent;

/** Per step; the server caps stored output too, so the tail is what matters in the browser. */
export const OUTPUT_CAP = 200_000;

export const EMPTY_STREAM: StreamState = { open: false, steps: {}, output: {}, dropped: {}, run: undefined, seq: undefined };

export function foldStream(state: StreamState, event: StreamEvent): StreamState {
  if (event.type !== 'open' && event.seq !== undefined) {
    // A reconnect replays from the start (or resumes after Last-Event-ID): an event already
    // applied is skipped, so no line prints twice and none is lost either way.
    if (state.seq !== undefined && event.seq <= state.seq) return state;
    state = { ...state, seq: event.seq };
  }
  switch (event.type) {
    // Without event ids a reconnect's replay cannot be told from new events: start from nothing.
    case 'open':
      return state.seq === undefined ? { ...EMPTY_STREAM, open: true } : { ...state, open: true };
    case 'step':
      return { ...state, steps: { ...state.steps, [event.index]: { status: event.status, exitCode: event.exitCode } } };
    case 'run':
      return { ...state, run: event.status };
    case 'output': {
      if (event.text === '') return state;
      const segments = [...(state.output[event.index] ?? [])];
      const last = segments[segments.length - 1];
      if (last && last.stream === event.stream) segments[segments.length - 1] = { stream: last.stream, text: last.text + event.text };
      else segments.push({ stream: event.stream, text: event.text });
      let dropped = state.dropped[event.index] ?? 0;
      let total = segments.reduce((sum, s) => sum + s.text.length, 0);
      while (total > OUTPUT_CAP && segments.length > 0) {
        const first = segments[0]!;
        const cut = Math.min(first.text.length, total - OUTPUT_CAP);
        if (cut === first.text.length) segments.shift();
        else segments[0] = { stream: first.stream, text: first.text.slice(cut) };
        dropped += cut;
        total -= cut;
      }
      return { ...state, output: { ...state.output, [event.index]: segments }, dropped: { ...state.dropped, [event.index]: dropped } };
    }
  }
}

/** Reads one SSE message into an event, or undefined for a shape this console does not know. */
export function parseStreamMessage(name: string, data: string, id = ''): RunEvent | undefined {
  const event = parseBody(name, data);
  const seq = /^\d+$/.test(id) ? Number(id) : undefined;
  return event && seq !== undefined ? { ...event, seq } : event;
}

function parseBody(name: string, data: string): RunEvent | undefined {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    body = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const index = body['index'];
  if (name === 'run' && typeof body['status'] === 'string') return { type: 'run', status: body['status'] as RunStatus };
  if (typeof index !== 'number') return undefined;
  if (name === 'step' && typeof body['status'] === 'string') {
    const exitCode = typeof body['exitCode'] === 'number' ? body['exitCode'] : null;
    return { type: 'step', index, status: body['status'] as StepStatus, exitCode };
  }
  if (name === 'output' && typeof body['text'] === 'string') {
    return { type: 'output', index, stream: body['stream'] === 'stderr' ? 'stderr' : 'stdout', text: body['text'] };
  }
  return undefined;
}
