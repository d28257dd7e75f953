import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface StepCommand {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
}

export interface StepExit {
  /** The process's exit code, 128 + the signal's number when a signal ended it (as shells report it), null when it never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why it could not start (bash or the interpreter missing, the working directory missing). */
  startError: string | null;
  /** Wall time from spawn to exit (real time, whatever clock the domain runs on). */
  durationMs: number;
}

export interface StepProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<StepExit>;
  /** Ends the step's whole process group: SIGTERM, then SIGKILL after a grace. */
  cancel(): void;
}

/** After SIGTERM, what is still alive this long later gets SIGKILL. */
export const KILL_GRACE_MS = 2_000;
/** A background child can keep the pipes open after the step exits; its output is not waited for longer than this. */
const DRAIN_AFTER_EXIT_MS = 500;

/**
 * The runner's one I/O edge: a step as a real process. Each step is its own process group
 * (detached), so cancel and timeout kill what it started too. The timeout and the kill grace are
 * the only real timers in runbook code: a process runs in real time whatever clock the domain is
 * given, and a fake clock must not be able to hold a real process forever.
 */
export function startStepProcess(spec: StepCommand, onOutput: (stream: 'stdout' | 'stderr', text: string) => void): StepProcess {
  let timedOut = false;
  let cancelled = false;
  let finished = false;
  const startedAt = performance.now();
  const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: { ...spec.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8').on('data', (text: string) => onOutput('stdout', text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => onOutput('stderr', text));

  const killTimers: NodeJS.Timeout[] = [];
  const killGroup = () => {
    if (finished) return;
    signalGroup(child.pid, 'SIGTERM');
    killTimers.push(setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS));
  };
  const timeout = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, spec.timeoutMs);

  const exited = new Promise<StepExit>((resolve) => {
    const settle = (exit: StepExit) => {
      if (finished) return;
      finished = true;
      clearTimeout(timeout);
      // A pending SIGKILL stays: a child that ignored SIGTERM must not outlive a cancelled step.
      for (const t of killTimers) t.unref();
      resolve(exit);
    };
    child.on('error', (err) => settle({ exitCode: null, signal: null, timedOut, cancelled, startError: `${spec.command} could not start: ${err.message}`, durationMs: performance.now() - startedAt }));
    child.on('exit', (code, signal) => {
      const exit = { exitCode: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : null), signal, timedOut, cancelled, startError: null, durationMs: performance.now() - startedAt };
      // The pipes close when the last process holding them does; output is read until then, or briefly.
      const drained = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        settle(exit);
      }, DRAIN_AFTER_EXIT_MS);
      child.on('close', () => {
        clearTimeout(drained);
        settle(exit);
      });
    });
  });

  return {
    pid: child.pid,
    exited,
    cancel() {
      cancelled = true;
      killGroup();
    },
  };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}
