import { describe, expect, it } from 'vitest';
import { RunbookRunner } from '../src/runbooks/index.ts';
import { testDialects, useTestStore } from '../src/store/store-test-dialects.ts';
import { FakeClock } from '../src/time/index.ts';
import { configOf, ended, param, runbook, shellStep, stepReaches } from './runbook-run-support.ts';

const responder = { name: 'token:ana', role: 'responder' as const };

// Acceptance 2: steps run in order in real bash; the first failure stops the run unless the step
// says continue_on_error; exit codes and output are recorded.
describe.each(testDialects)('running a runbook on $name', (dialect) => {
  const t = useTestStore(dialect);
  const threeSteps = (continueOnError: boolean) =>
    runbook('runbooks/three.md', [
      shellStep(0, 'echo first'),
      shellStep(1, 'echo "second says $WHAT"; echo to-stderr >&2; exit 3', { continueOnError }),
      shellStep(2, 'echo third'),
    ], { parameters: [param('WHAT', { default: 'hello' })] });

  it('stops at a failing second step, records its exit code and output, and marks the run failed', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00Z');
    const runner = new RunbookRunner({ store: t.store, clock, config: configOf([threeSteps(false)]) });
    const run = await runner.start({ runbook: 'runbooks/three.md' }, responder);
    const { run: done, steps } = await ended(runner, run.id);
    expect(done).toMatchObject({ status: 'failed', actor: 'token:ana', params: { WHAT: 'hello' }, endedAt: clock.now() });
    expect(steps.map((s) => [s.status, s.exitCode])).toEqual([['succeeded', 0], ['failed', 3], ['skipped', null]]);
    expect(steps[1]!.output).toBe('second says hello\nto-stderr\n');
    expect(steps[2]!.output).toBe('');
    // The same from the store, as another process or a restart sees it.
    const stored = await t.store.runbookRuns.steps(run.id);
    expect(stored.map((s) => [s.status, s.exitCode, s.output])).toEqual([['succeeded', 0, 'first\n'], ['failed', 3, 'second says hello\nto-stderr\n'], ['skipped', null, '']]);
    expect((await t.store.runbookRuns.get(run.id))?.status).toBe('failed');
  });

  it('runs the third step when the failing second one says continue_on_error', async () => {
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([threeSteps(true)]) });
    const run = await runner.start({ runbook: 'runbooks/three.md', params: { WHAT: 'bye' } }, responder);
    const { run: done, steps } = await ended(runner, run.id);
    expect(steps.map((s) => [s.status, s.exitCode, s.output])).toEqual([
      ['succeeded', 0, 'first\n'], ['failed', 3, 'second says bye\nto-stderr\n'], ['succeeded', 0, 'third\n'],
    ]);
    expect(done.status).toBe('succeeded');
  });

  it('audits who ran what with which parameters, secrets masked, and the result', async () => {
    const def = runbook('runbooks/secret.md', [shellStep(0, 'echo "token is $API_TOKEN"; echo "$API_TOKEN" | rev')], {
      parameters: [param('API_TOKEN', { secret: true, required: true }), param('ENV', { allowed: ['staging', 'production'], default: 'staging' })],
    });
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const run = await runner.start({ runbook: def.id, params: { API_TOKEN: 's3cr3t-value' } }, responder);
    const { steps } = await ended(runner, run.id);
    expect(steps[0]!.output).toBe('token is ••••\neulav-t3rc3s\n');
    const audit = await t.store.audit.list(10);
    expect(audit.map((a) => [a.action, a.actor, a.target])).toEqual([['runbook.run.finish', 'token:ana', `runbook-run:${run.id}`], ['runbook.run.start', 'token:ana', `runbook-run:${run.id}`]]);
    expect(audit[0]!.data).toMatchObject({ runbook: def.id, params: { API_TOKEN: '••••', ENV: 'staging' }, status: 'succeeded' });
    expect(JSON.stringify(audit)).not.toContain('s3cr3t-value');
    expect(JSON.stringify(await t.store.runbookRuns.events(run.id, 0))).not.toContain('s3cr3t-value');
    expect((await t.store.runbookRuns.get(run.id))?.params).toEqual({ API_TOKEN: '••••', ENV: 'staging' });
  });
});

describe('the runner', () => {
  const sqlite = testDialects.find((d) => d.name === 'sqlite')!;
  const t = useTestStore(sqlite);

  it('holds a mutating step until it is confirmed, running nothing of it before', async () => {
    const marker = `/tmp/opsdeck-confirm-${process.pid}-${Date.now()}`;
    const def = runbook('runbooks/restart.md', [
      shellStep(0, 'echo checking'),
      shellStep(1, `touch ${marker}; echo restarted`, { risk: 'mutating', riskReason: 'touch' }),
    ]);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const run = await runner.start({ runbook: def.id }, responder);
    const waiting = await stepReaches(runner, run.id, 1, 'waiting');
    expect(waiting.run.status).toBe('waiting');
    expect((await t.store.runbookRuns.get(run.id))?.status).toBe('waiting');
    await new Promise((r) => setTimeout(r, 300));
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
    await expect(runner.confirm(run.id, 0, responder)).rejects.toThrow('step 0 of run 1 is not a mutating step waiting for confirmation; it is a shell step, succeeded');
    await expect(runner.confirm(run.id, 1, { name: 'token:vic', role: 'viewer' })).rejects.toThrow(`runbook "runbooks/restart.md" may be run by responder, admin; your token's role is viewer`);
    await runner.confirm(run.id, 1, responder);
    const { run: done, steps } = await ended(runner, run.id);
    expect(done.status).toBe('succeeded');
    expect(steps[1]).toMatchObject({ status: 'succeeded', actor: 'token:ana', output: 'restarted\n' });
    expect(existsSync(marker)).toBe(true);
  });

  it('runs mutating steps at once with yes from an admin, and refuses yes from a responder', async () => {
    const def = runbook('runbooks/restart.md', [shellStep(0, 'echo done', { risk: 'mutating' })]);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    await expect(runner.start({ runbook: def.id, yes: true }, responder)).rejects.toMatchObject({ code: 'forbidden', field: 'yes' });
    const run = await runner.start({ runbook: def.id, yes: true }, { name: 'token:root', role: 'admin' });
    expect((await ended(runner, run.id)).run.status).toBe('succeeded');
  });

  it('waits for a manual item to be done, with its note, and skips shown blocks', async () => {
    const def = runbook('runbooks/manual.md', [
      shellStep(0, 'select 1;', { kind: 'shown', lang: 'sql' }),
      shellStep(1, '', { kind: 'manual', lang: '', text: 'Tell the customer' }),
      shellStep(2, 'echo after'),
    ]);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const run = await runner.start({ runbook: def.id }, responder);
    await stepReaches(runner, run.id, 1, 'waiting');
    await expect(runner.confirm(run.id, 1, responder)).rejects.toThrow('is not a mutating step waiting for confirmation; it is a manual step, waiting');
    await runner.done(run.id, 1, responder, 'called them');
    const { steps } = await ended(runner, run.id);
    expect(steps.map((s) => s.status)).toEqual(['skipped', 'succeeded', 'succeeded']);
    expect(steps[1]).toMatchObject({ actor: 'token:ana', note: 'called them' });
  });

  it('cancel kills the running step\'s whole process group', async () => {
    const def = runbook('runbooks/slow.md', [shellStep(0, 'sleep 60 & echo "child $!"; wait'), shellStep(1, 'echo never')]);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const run = await runner.start({ runbook: def.id }, responder);
    const view = await waitForOutput(runner, run.id, /child (\d+)/);
    const pid = Number(/child (\d+)/.exec(view)![1]);
    expect(alive(pid)).toBe(true);
    const cancelled = await runner.cancel(run.id, responder);
    expect(cancelled.status).toBe('cancelled');
    await waitUntil(() => !alive(pid), 5_000);
    const { steps } = (await runner.view(run.id))!;
    expect(steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(steps[0]!.output).toContain('[cancelled by token:ana; the step\'s process group was killed]');
  });

  it('fails a step that runs past its timeout, and kills it', async () => {
    const def = runbook('runbooks/slow.md', [shellStep(0, 'echo start; sleep 30', { timeoutMs: 300 }), shellStep(1, 'echo never')]);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const started = Date.now();
    const run = await runner.start({ runbook: def.id }, responder);
    const { run: done, steps } = await ended(runner, run.id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(done.status).toBe('failed');
    expect(steps[0]).toMatchObject({ status: 'failed', exitCode: 143 });
    expect(steps[0]!.output).toBe('start\n[timed out after 300ms; the step\'s process group was killed]\n');
    expect(steps[1]!.status).toBe('skipped');
  });

  it('a dry run shows each command with its parameters, secrets masked, and runs nothing', async () => {
    const marker = `/tmp/opsdeck-dry-${process.pid}-${Date.now()}`;
    const def = runbook('runbooks/dry.md', [
      shellStep(0, `kubectl -n "$NAMESPACE" delete pod "\${POD}" --token "$TOKEN"; touch ${marker}`, { risk: 'mutating' }),
      shellStep(1, '', { kind: 'manual', lang: '', text: 'Check the dashboard' }),
    ], { parameters: [param('NAMESPACE', { required: true }), param('POD'), param('TOKEN', { secret: true })] });
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const run = await runner.start({ runbook: def.id, dryRun: true, params: { NAMESPACE: 'prod', POD: 'api-1', TOKEN: 'tok-123' } }, responder);
    const { run: done, steps } = await ended(runner, run.id);
    expect(done).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(steps.map((s) => [s.status, s.output])).toEqual([
      ['skipped', `kubectl -n "prod" delete pod "api-1" --token "••••"; touch ${marker}\n`],
      ['skipped', '[manual] Check the dashboard\n'],
    ]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a missing required parameter and a value outside allowed, naming the parameter', async () => {
    const def = runbook('runbooks/p.md', [shellStep(0, 'true')], { parameters: [param('NAMESPACE', { required: true }), param('ENV', { allowed: ['staging', 'production'], default: 'staging' })] });
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    await expect(runner.start({ runbook: def.id }, responder)).rejects.toMatchObject({ code: 'invalid', field: 'params.NAMESPACE', message: 'parameter NAMESPACE is required' });
    await expect(runner.start({ runbook: def.id, params: { NAMESPACE: 'x', ENV: 'dev' } }, responder)).rejects.toMatchObject({
      field: 'params.ENV', message: 'parameter ENV must be one of staging, production; found "dev"',
    });
    await expect(runner.start({ runbook: def.id, params: { NAMESPACE: 'x', NOPE: '1' } }, responder)).rejects.toMatchObject({ field: 'params.NOPE', message: 'unknown parameter NOPE; it takes NAMESPACE, ENV' });
    expect((await t.store.runbookRuns.list({ limit: 5, offset: 0 })).total).toBe(0);
  });

  it('fails runs a dead process on this host left unfinished, and leaves other hosts\' runs alone', async () => {
    const { hostname } = await import('node:os');
    const base = { runbook: 'runbooks/x.md', title: 'x', incidentId: null, routine: null, params: {}, status: 'running' as const, startedAt: 1, endedAt: null, actor: 'token:ana', dryRun: false };
    const orphan = await t.store.runbookRuns.create(base, `${hostname()}:2147483646`, []);
    const elsewhere = await t.store.runbookRuns.create(base, 'another-host:1', []);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([]) });
    const mine = await t.store.runbookRuns.create(base, runner.owner, []);
    expect(await runner.recoverAbandoned()).toBe(1);
    expect((await t.store.runbookRuns.get(orphan.id))?.status).toBe('failed');
    expect((await t.store.runbookRuns.unfinished()).map((r) => r.id)).toEqual([elsewhere.id, mine.id]);
    expect((await t.store.audit.list(1))[0]).toMatchObject({ action: 'runbook.run.abandoned', target: `runbook-run:${orphan.id}` });
    await expect(runner.cancel(elsewhere.id, responder)).rejects.toThrow(`run ${elsewhere.id} is running in another Opsdeck process (another-host:1); act on it there`);
  });

  it('caps a step\'s stored output and says it was truncated', async () => {
    const def = runbook('runbooks/loud.md', [shellStep(0, 'head -c 400000 /dev/zero | tr "\\0" x; echo; echo done')]);
    const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([def]) });
    const run = await runner.start({ runbook: def.id }, responder);
    const { steps } = await ended(runner, run.id);
    expect(steps[0]!.status).toBe('succeeded');
    const stored = (await t.store.runbookRuns.steps(run.id))[0]!.output;
    expect(stored).toMatch(/^x{262144}\n\[output truncated: this step wrote more than 256 KB; the rest was not kept\]\n$/);
  });
});

async function waitForOutput(runner: RunbookRunner, runId: number, pattern: RegExp): Promise<string> {
  let output = '';
  await waitUntil(async () => {
    output = (await runner.view(runId))?.steps.map((s) => s.output).join('') ?? '';
    return pattern.test(output);
  }, 10_000);
  return output;
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
