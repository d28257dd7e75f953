import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config, RunbookDef, RunbookParamDef, RunbookStepDef } from '../src/config/index.ts';
import type { RunbookRunner } from '../src/runbooks/index.ts';

/** A step as the parser would hand it over: defaults for everything the test does not care about. */
export function shellStep(index: number, script: string, over: Partial<RunbookStepDef> = {}): RunbookStepDef {
  return {
    index, section: -1, kind: 'shell', lang: 'bash', script, text: script, line: index * 4 + 1, risk: 'readonly', riskReason: null,
    continueOnError: false, diagnostic: false, timeoutMs: null, interpreter: null, ...over,
  };
}

export function param(name: string, over: Partial<RunbookParamDef> = {}): RunbookParamDef {
  return { name, type: 'string', default: null, required: false, secret: false, allowed: null, description: null, origin: 'front-matter', ...over };
}

export function runbook(id: string, steps: RunbookStepDef[], over: Partial<RunbookDef> = {}): RunbookDef {
  return {
    id, title: id.replace(/^runbooks\/|\.md$/g, ''), description: null, parameters: [], roles: ['responder', 'admin'], timeoutMs: 60_000, env: {}, workdir: null,
    sections: [], steps, ...over,
  };
}

/**
 * The runner reads only `runbooks` and `directory` of the config; the rest of a Config has nothing
 * to do with running steps, so tests hand it just those two.
 */
export function configOf(runbooks: RunbookDef[], directory = mkdtempSync(path.join(tmpdir(), 'opsdeck-runbooks-'))): () => Config {
  const config = { runbooks, directory } as unknown as Config;
  return () => config;
}

/** Resolves when the run has ended, with its view. */
export async function ended(runner: RunbookRunner, runId: number) {
  const follow = await runner.follow(runId, 0, () => {});
  if (!follow) throw new Error(`no run ${runId}`);
  await follow.ended;
  follow.unsubscribe();
  const view = await runner.view(runId);
  if (!view) throw new Error(`run ${runId} vanished`);
  return view;
}

/** Resolves once the run's step reaches the status (the runner is live; polled in real time). */
export async function stepReaches(runner: RunbookRunner, runId: number, index: number, status: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await runner.view(runId);
    if (view?.steps[index]?.status === status) return view;
    if (Date.now() > deadline) throw new Error(`step ${index} of run ${runId} did not become ${status}; it is ${view?.steps[index]?.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
