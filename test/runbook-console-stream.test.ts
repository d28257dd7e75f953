import { describe, expect, it } from 'vitest';
import { EMPTY_STREAM, OUTPUT_CAP, foldStream, parseStreamMessage, type StreamEvent, type StreamState } from '../console/src/runbooks/run-stream.ts';

// The console's reading of a run's SSE stream (console/src/runbooks/run-stream.ts): what a page
// shows after replays, reconnects and long output. The browser test shows it live end to end.

const fold = (events: StreamEvent[], from: StreamState = EMPTY_STREAM): StreamState => events.reduce(foldStream, from);
const text = (state: StreamState, index: number): string => (state.output[index] ?? []).map((s) => s.text).join('');
const out = (index: number, t: string, seq?: number, stream: 'stdout' | 'stderr' = 'stdout'): StreamEvent =>
  seq === undefined ? { type: 'output', index, stream, text: t } : { type: 'output', index, stream, text: t, seq };

describe('the run stream fold', () => {
  const cases: { name: string; events: StreamEvent[]; output: string; run?: string }[] = [
    {
      name: 'a reconnect without event ids replays from the start: the page starts over, no line twice',
      events: [{ type: 'open' }, out(0, 'line 1\n'), out(0, 'line 2\n'), { type: 'open' }, out(0, 'line 1\n'), out(0, 'line 2\n'), out(0, 'line 3\n')],
      output: 'line 1\nline 2\nline 3\n',
    },
    {
      name: 'with ids, a full replay after a reconnect skips what was applied',
      events: [{ type: 'open' }, out(0, 'a\n', 1), out(0, 'b\n', 2), { type: 'open' }, out(0, 'a\n', 1), out(0, 'b\n', 2), out(0, 'c\n', 3)],
      output: 'a\nb\nc\n',
    },
    {
      name: 'with ids, a server that resumes after Last-Event-ID loses nothing',
      events: [{ type: 'open' }, out(0, 'a\n', 1), out(0, 'b\n', 2), { type: 'open' }, out(0, 'c\n', 3), { type: 'run', status: 'succeeded', seq: 4 }],
      output: 'a\nb\nc\n',
      run: 'succeeded',
    },
  ];
  it.each(cases)('$name', ({ events, output, run }) => {
    const state = fold(events);
    expect(text(state, 0)).toBe(output);
    if (run) expect(state.run).toBe(run);
  });

  it('keeps stderr apart from stdout, in the order they came, and each step to itself', () => {
    const state = fold([{ type: 'open' }, out(0, 'o1 '), out(0, 'o2 '), out(0, 'e1 ', undefined, 'stderr'), out(0, 'o3'), out(1, 'other')]);
    expect(state.output[0]).toEqual([
      { stream: 'stdout', text: 'o1 o2 ' },
      { stream: 'stderr', text: 'e1 ' },
      { stream: 'stdout', text: 'o3' },
    ]);
    expect(text(state, 1)).toBe('other');
  });

  it('follows step statuses and exit codes, the latest winning', () => {
    const state = fold([
      { type: 'step', index: 0, status: 'running', exitCode: null },
      { type: 'step', index: 0, status: 'succeeded', exitCode: 0 },
      { type: 'step', index: 1, status: 'waiting', exitCode: null },
    ]);
    expect(state.steps).toEqual({ 0: { status: 'succeeded', exitCode: 0 }, 1: { status: 'waiting', exitCode: null } });
  });

  it('keeps the tail of a long output and counts what it dropped', () => {
    const chunk = 'x'.repeat(60_000);
    const state = fold([out(0, 'HEAD'), out(0, chunk), out(0, chunk, undefined, 'stderr'), out(0, chunk), out(0, `${chunk}TAIL`)]);
    const kept = text(state, 0);
    expect(kept.length).toBe(OUTPUT_CAP);
    expect(kept.endsWith('TAIL')).toBe(true);
    expect(kept.startsWith('HEAD')).toBe(false);
    expect(state.dropped[0]).toBe(4 + 4 * 60_000 + 4 - OUTPUT_CAP);
  });
});

describe('reading SSE messages', () => {
  it.each([
    ['step', '{"index":2,"status":"failed","exitCode":3}', '7', { type: 'step', index: 2, status: 'failed', exitCode: 3, seq: 7 }],
    ['step', '{"index":2,"status":"running","exitCode":null}', '', { type: 'step', index: 2, status: 'running', exitCode: null }],
    ['output', '{"index":0,"stream":"stderr","text":"boom"}', '3', { type: 'output', index: 0, stream: 'stderr', text: 'boom', seq: 3 }],
    ['run', '{"status":"cancelled"}', '9', { type: 'run', status: 'cancelled', seq: 9 }],
  ])('%s %s (id %j)', (name, data, id, expected) => {
    expect(parseStreamMessage(name, data, id)).toEqual(expected);
  });

  it.each([
    ['output', 'not json'],
    ['output', '{"stream":"stdout","text":"no index"}'],
    ['step', '{"index":1}'],
    ['run', '{}'],
    ['other', '{"index":1,"status":"running"}'],
    ['output', 'null'],
  ])('ignores %s %s', (name, data) => {
    expect(parseStreamMessage(name, data, '1')).toBeUndefined();
  });
});
