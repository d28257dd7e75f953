import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from './check-runner.ts';
import { compileCheck } from './check-compiler.ts';
import type { CompiledCheck } from './check-runner.ts';
import type { Probe } from './check-type.ts';
import { parseCondition } from './conditions/condition-parser.ts';
import { closedPort } from './test-support/closed-port.ts';
import { closeServer, listenOnLoopback } from './test-support/loopback-server.ts';

let base = '';
const server = http.createServer((req, res) => {
  if (req.url === '/up') return res.end('{"status":"UP","items":[1,2]}');
  if (req.url === '/down') return res.writeHead(503).end('{"status":"DOWN"}');
  // /hang holds the request open until the client gives up.
});
beforeAll(async () => {
  base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
});
afterAll(() => closeServer(server));

/** A clock that reads 1000, then 1042, then 1084...: every run "takes" 42 ms. */
function steppingClock(): () => number {
  let t = 1000 - 42;
  return () => (t += 42);
}

function handMade(probe: Probe, expect: string[], timeoutMs = 100): CompiledCheck {
  const conditions = expect.map((text) => {
    const parsed = parseCondition(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.condition;
  });
  return { id: 'svc/hand', type: 'hand', probe, conditions, conditionTexts: expect, timeoutMs, intervalMs: 1000 };
}

describe('runCheck with a real http check', () => {
  it('passes when the probe observed and every condition holds', async () => {
    const check = compileCheck('api/health', 'http', { url: `${base}/up` }, ['[STATUS] == 200', '[BODY].status == UP', 'len([BODY].items) == 2']);
    const result = await runCheck(check, steppingClock());
    expect(result).toEqual({
      checkId: 'api/health',
      at: 1000,
      durationMs: 42,
      ok: true,
      error: null,
      conditions: [
        { text: '[STATUS] (200) == 200', ok: true },
        { text: '[BODY].status (UP) == UP', ok: true },
        { text: 'len([BODY].items) (2) == 2', ok: true },
      ],
    });
  });

  it('fails on any failing condition, showing what was observed', async () => {
    const check = compileCheck('api/health', 'http', { url: `${base}/down` }, ['[STATUS] == 200', '[BODY].status == DOWN']);
    expect(await runCheck(check, steppingClock())).toMatchObject({
      ok: false,
      error: null,
      conditions: [
        { text: '[STATUS] (503) == 200', ok: false },
        { text: '[BODY].status (DOWN) == DOWN', ok: true },
      ],
    });
  });

  it('fails with the probe error when nothing could be observed', async () => {
    const port = await closedPort();
    const check = compileCheck('api/health', 'http', { url: `http://127.0.0.1:${port}/` }, []);
    expect(await runCheck(check, steppingClock())).toMatchObject({
      ok: false,
      error: `connection refused by 127.0.0.1:${port}`,
      conditions: [{ text: '[STATUS] (missing) < 400', ok: false }],
    });
  });

  it('times out, aborting the probe so its socket is released', async () => {
    const check = compileCheck('api/slow', 'http', { url: `${base}/hang` }, ['[STATUS] == 200'], { timeoutMs: 150 });
    const released = new Promise((resolve) => server.once('request', (req) => req.socket.once('close', resolve)));
    const result = await runCheck(check, Date.now);
    expect(result).toMatchObject({ ok: false, error: 'timed out after 150ms', conditions: [{ text: '[STATUS] (missing) == 200', ok: false }] });
    expect(result.durationMs).toBeGreaterThanOrEqual(140);
    await released;
  });
});

describe('runCheck with probes that misbehave', () => {
  it('ends the run at the timeout even when the probe ignores the abort', async () => {
    const check = handMade(() => new Promise(() => {}), ['[CONNECTED] == true'], 80);
    const started = Date.now();
    const result = await runCheck(check, Date.now);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, error: 'timed out after 80ms', conditions: [{ text: '[CONNECTED] (missing) == true', ok: false }] });
  });

  it('reports a probe that throws as a failed run', async () => {
    const check = handMade(async () => {
      throw new Error('boom');
    }, ['[CONNECTED] == true']);
    expect(await runCheck(check, steppingClock())).toMatchObject({ ok: false, error: 'probe failed: boom' });
  });

  it('fills in RESPONSE_TIME from the run when the probe did not measure it', async () => {
    const check = handMade(async () => ({ values: { CONNECTED: true } }), ['[RESPONSE_TIME] < 40', '[CONNECTED] == true']);
    expect(await runCheck(check, steppingClock())).toMatchObject({
      ok: false,
      error: null,
      conditions: [{ text: '[RESPONSE_TIME] (42) < 40', ok: false }, { text: '[CONNECTED] (true) == true', ok: true }],
    });
  });

  it('aborts the probe when the engine stops', async () => {
    const stop = new AbortController();
    const check = handMade(
      ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({ values: {}, error: 'aborted' }))),
      ['[CONNECTED] == true'],
      5000,
    );
    const run = runCheck(check, Date.now, stop.signal);
    stop.abort();
    expect(await run).toMatchObject({ ok: false, error: 'aborted' });
  });
});
