import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatDuration } from '../../time/index.ts';
import type { LiveRun } from './live-run.ts';
import { positionalArgs, renderForDisplay } from './run-params.ts';
import { startStepProcess, type StepCommand } from './step-process.ts';
import { StepOutput } from './step-output.ts';

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  exitCode: number | null;
}

/**
 * Runs one step as a process and streams its output into the run. Parameters reach it only as
 * environment variables (and ARG1.. as positional arguments): the script text is the parsed one,
 * never spliced with values, so `; rm -rf /` in a value is just text.
 */
export async function executeStep(live: LiveRun, index: number, configDir: string, baseEnv: Readonly<Record<string, string | undefined>>): Promise<StepOutcome> {
  const step = live.def.steps[index]!;
  const timeoutMs = step.timeoutMs ?? live.def.timeoutMs - live.spentMs;
  const output = new StepOutput(live.secrets, (stream, text) => live.emit({ type: 'output', index, stream, text }));
  if (timeoutMs <= 0) {
    output.write('stderr', `[not started: the runbook's timeout of ${formatDuration(live.def.timeoutMs)} is used up]\n`);
    return { status: 'failed', exitCode: null };
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
  Object.assign(env, live.def.env, {
    OPSDECK_RUN_ID: String(live.run.id), OPSDECK_RUNBOOK: live.def.id, OPSDECK_INCIDENT_ID: live.run.incidentId === null ? '' : String(live.run.incidentId),
  }, live.values);
  const cwd = path.resolve(configDir, live.def.workdir ?? '.');
  const args = positionalArgs(live.values);

  let scratch: string | null = null;
  let command: StepCommand;
  if (step.interpreter) {
    // Interpreters differ in how they take code on the command line (-c, -e); a file works for all.
    scratch = await mkdtemp(path.join(tmpdir(), 'opsdeck-step-'));
    const file = path.join(scratch, `step-${index + 1}`);
    await writeFile(file, step.script, { mode: 0o600 });
    command = { command: step.interpreter, args: [file, ...args], cwd, env, timeoutMs };
  } else {
    // -e: a failing command fails the step; pipefail: also inside a pipeline. $0 names the step in bash's own errors.
    command = { command: 'bash', args: ['-e', '-o', 'pipefail', '-c', step.script, `step-${index + 1}`, ...args], cwd, env, timeoutMs };
  }

  try {
    const child = startStepProcess(command, (stream, text) => output.write(stream, text));
    live.process = child;
    // A cancel that came while the step was being prepared finds no process to kill: it is killed here.
    if (live.cancelRequested !== null) child.cancel();
    const exit = await child.exited;
    live.spentMs += exit.durationMs;
    output.end();
    if (exit.startError) output.write('stderr', `[${exit.startError}]\n`);
    if (exit.timedOut) output.write('stderr', `[timed out after ${formatDuration(timeoutMs)}; the step's process group was killed]\n`);
    if (exit.cancelled) output.write('stderr', `[cancelled by ${live.cancelRequested ?? 'someone'}; the step's process group was killed]\n`);
    output.end();
    const status = exit.cancelled ? 'cancelled' : exit.exitCode === 0 && !exit.timedOut ? 'succeeded' : 'failed';
    return { status, exitCode: exit.exitCode };
  } finally {
    live.process = null;
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** A dry run: the command with each parameter shown in place of its reference (secrets masked). */
export function previewStep(live: LiveRun, index: number): void {
  const step = live.def.steps[index]!;
  const text = step.kind === 'manual' ? `[manual] ${step.text}` : renderForDisplay(step.script, live.run.params);
  live.emit({ type: 'output', index, stream: 'stdout', text: text.endsWith('\n') ? text : `${text}\n` });
}
