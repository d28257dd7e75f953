import { describe, expect, it } from 'vitest';
import { parseCron } from '../calendar/index.ts';
import type { HeartbeatDef } from '../config/index.ts';
import { applyPing, checkDue, deadline, type PingInput } from './heartbeat-decision.ts';
import { initialState, type HeartbeatState } from './heartbeat-state.ts';

const at = (iso: string) => Date.parse(iso);
const cronDef = (expr: string, timezone = 'UTC', graceMs = 30_000): HeartbeatDef => {
  const parsed = parseCron(expr);
  if (!parsed.ok) throw new Error(parsed.message);
  return { id: 'job', name: 'Job', service: 'db', schedule: { kind: 'cron', expr, cron: parsed.value, timezone }, graceMs, severity: 'P2', escalation: null };
};
const periodDef = (everyMs: number, graceMs: number): HeartbeatDef => ({ id: 'job', name: 'Job', service: 'db', schedule: { kind: 'period', everyMs }, graceMs, severity: 'P2', escalation: null });
const ping = (kind: PingInput['kind'], rid: string | null = null, exitStatus: number | null = null): PingInput => ({ kind, rid, exitStatus });

/** Feeds pings and time in order; returns the changes seen, as "time status" lines. */
function run(def: HeartbeatDef, start: string, steps: [string, PingInput | 'tick'][]): { state: HeartbeatState; log: string[] } {
  let state = initialState('job', at(start));
  const log: string[] = [];
  for (const [when, input] of steps) {
    const now = at(when);
    const decided = input === 'tick' ? checkDue(def, state, now) : applyPing(state, input, now);
    state = decided.state;
    if (decided.change) log.push(`${when.slice(11, 19)} ${decided.change.to}${decided.change.to === 'down' ? ` ${decided.change.reason.kind}` : ''}`);
  }
  return { state, log };
}

describe('heartbeat deadlines', () => {
  it('cron every minute with 30 s grace: due at the next minute + 30 s after the last success', () => {
    const def = cronDef('* * * * *');
    const pinged = applyPing(initialState('job', at('2026-03-02T10:00:00Z')), ping('success'), at('2026-03-02T10:00:05Z')).state;
    expect(deadline(def, pinged)).toEqual({ at: at('2026-03-02T10:01:30Z'), reason: { kind: 'missed', expectedBy: at('2026-03-02T10:01:00Z') } });
    expect(checkDue(def, pinged, at('2026-03-02T10:01:29.999Z')).change).toBeNull();
    expect(checkDue(def, pinged, at('2026-03-02T10:01:30Z')).change).toEqual({ to: 'down', reason: { kind: 'missed', expectedBy: at('2026-03-02T10:01:00Z') } });
  });

  it('a heartbeat that never pinged is held to its first run after it was declared', () => {
    const def = cronDef('0 2 * * *', 'UTC', 3_600_000);
    expect(deadline(def, initialState('job', at('2026-03-02T01:59:00Z')))?.at).toBe(at('2026-03-02T03:00:00Z'));
  });

  it('cron in its own zone, across the spring-forward gap (02:30 Berlin on 2026-03-29 happens at 01:00 UTC)', () => {
    const def = cronDef('30 2 * * *', 'Europe/Berlin', 60_000);
    const state = { ...initialState('job', 0), status: 'up' as const, lastSuccessAt: at('2026-03-28T01:31:00Z') };
    expect(deadline(def, state)?.at).toBe(at('2026-03-29T01:01:00Z'));
    expect(deadline(def, { ...state, lastSuccessAt: at('2026-03-29T01:05:00Z') })?.at).toBe(at('2026-03-30T00:31:00Z'));
  });

  it('a period: last success + period + grace', () => {
    const def = periodDef(3_600_000, 300_000);
    const pinged = applyPing(initialState('job', at('2026-03-02T00:00:00Z')), ping('success'), at('2026-03-02T10:00:00Z')).state;
    expect(deadline(def, pinged)?.at).toBe(at('2026-03-02T11:05:00Z'));
  });
});

describe('heartbeat transitions', () => {
  it('missed, then a late success brings it up; a second success changes nothing', () => {
    const { log, state } = run(cronDef('* * * * *'), '2026-03-02T10:00:00Z', [
      ['2026-03-02T10:00:05Z', ping('success')],
      ['2026-03-02T10:01:29Z', 'tick'],
      ['2026-03-02T10:01:30Z', 'tick'],
      ['2026-03-02T10:01:45Z', 'tick'],
      ['2026-03-02T10:02:10Z', ping('success')],
      ['2026-03-02T10:02:20Z', ping('success')],
    ]);
    expect(log).toEqual(['10:01:30 down missed', '10:02:10 up']);
    expect(state).toMatchObject({ status: 'up', downSince: null, reason: null, lastSuccessAt: at('2026-03-02T10:02:20Z') });
  });

  it('a start without an end within the grace is down, before the schedule deadline', () => {
    const { log, state } = run(periodDef(3_600_000, 30_000), '2026-03-02T10:00:00Z', [
      ['2026-03-02T10:00:00Z', ping('success')],
      ['2026-03-02T10:10:00Z', ping('start')],
      ['2026-03-02T10:10:29Z', 'tick'],
      ['2026-03-02T10:10:30Z', 'tick'],
    ]);
    expect(log).toEqual(['10:10:30 down unfinished']);
    expect(state.reason).toEqual({ kind: 'unfinished', startedAt: at('2026-03-02T10:10:00Z') });
  });

  it('a start ended in time measures the run; rid pairs concurrent runs; an end without a matching start has no duration', () => {
    let state = initialState('job', 0);
    state = applyPing(state, ping('start', 'a'), 1_000).state;
    state = applyPing(state, ping('start', 'b'), 2_000).state;
    state = applyPing(state, ping('start'), 3_000).state;
    const b = applyPing(state, ping('success', 'b'), 7_000);
    expect(b.durationMs).toBe(5_000);
    const plain = applyPing(b.state, ping('success'), 10_000);
    expect(plain.durationMs).toBe(7_000);
    expect(plain.state.running).toEqual([{ rid: 'a', at: 1_000 }]);
    expect(applyPing(plain.state, ping('success', 'zzz'), 11_000).durationMs).toBeNull();
    expect(plain.state.lastDurationMs).toBe(7_000);
  });

  it('a failure is down at once (with its exit status), stays down on another failure, and a success clears it', () => {
    const { log, state } = run(periodDef(3_600_000, 30_000), '2026-03-02T10:00:00Z', [
      ['2026-03-02T10:00:00Z', ping('fail', null, 3)],
      ['2026-03-02T10:00:10Z', ping('fail')],
      ['2026-03-02T10:00:20Z', ping('log')],
    ]);
    expect(log).toEqual(['10:00:00 down failed']);
    expect(state.reason).toEqual({ kind: 'failed', exitStatus: 3 });
    expect(applyPing(state, ping('success', null, 0), at('2026-03-02T10:05:00Z')).change).toEqual({ to: 'up' });
  });

  it('a log ping and a start change no status and keep the schedule deadline', () => {
    const def = periodDef(3_600_000, 60_000);
    const up = applyPing(initialState('job', 0), ping('success'), 0).state;
    const logged = applyPing(up, ping('log'), 1_000);
    expect(logged.change).toBeNull();
    expect(deadline(def, logged.state)?.at).toBe(3_660_000);
    expect(logged.state.lastPingKind).toBe('log');
  });

  it('a heartbeat that only ever starts remembers the last ten runs', () => {
    let state = initialState('job', 0);
    for (let i = 0; i < 25; i++) state = applyPing(state, ping('start', `r${i}`), i).state;
    expect(state.running.map((r) => r.rid)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 15}`));
  });
});

describe('downSummary', () => {
  it('names the job and what went wrong, with times in the schedule\'s zone', async () => {
    const { downSummary } = await import('./heartbeat-alert.ts');
    const def = cronDef('30 2 * * *', 'Europe/Berlin', 3_600_000);
    expect(downSummary(def, { kind: 'missed', expectedBy: at('2026-03-29T01:00:00Z') })).toBe('Job: no ping since the run expected at 2026-03-29 03:00 Europe/Berlin (grace 1h)');
    expect(downSummary(def, { kind: 'failed', exitStatus: 2 })).toBe('Job: the job reported a failure (exit status 2)');
    expect(downSummary(periodDef(60_000, 30_000), { kind: 'unfinished', startedAt: at('2026-03-02T10:05:00Z') })).toBe('Job: started at 2026-03-02 10:05 UTC and did not finish within 30s');
  });
});
