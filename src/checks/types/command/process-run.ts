import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';

export interface ProcessRun {
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, cut at the byte limit, trailing whitespace trimmed. */
  output: string;
  error?: string;
}

export interface ProcessSpec {
  file: string;
  args: readonly string[];
  cwd: string | undefined;
  env: NodeJS.ProcessEnv;
  maxOutputBytes: number;
}

/**
 * Runs one process as the leader of its own process group, so that on abort
 * (or when it exits leaving children behind) the whole group is killed, not
 * just the shell that started it.
 */
export function runProcess(spec: ProcessSpec, signal: AbortSignal): Promise<ProcessRun> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ exitCode: null, output: '', error: 'aborted' });
    const child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer): void => {
      const room = spec.maxOutputBytes - size;
      if (room <= 0) return;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    signal.addEventListener('abort', killGroup, { once: true });
    const output = (): string => Buffer.concat(chunks, size).toString('utf8').trimEnd();

    child.once('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', killGroup);
      resolve({ exitCode: null, output: output(), error: describeSpawnError(error, spec) });
    });
    child.once('close', (code, killedBy) => {
      signal.removeEventListener('abort', killGroup);
      // Background children the command left behind must not pile up across thousands of runs.
      killGroup();
      if (signal.aborted) return resolve({ exitCode: null, output: output(), error: 'aborted' });
      if (killedBy !== null) {
        return resolve({ exitCode: 128 + (constants.signals[killedBy] ?? 0), output: output(), error: `killed by ${killedBy}` });
      }
      resolve({ exitCode: code, output: output() });
    });
  });
}

function describeSpawnError(error: NodeJS.ErrnoException, spec: ProcessSpec): string {
  if (error.code === 'ENOENT' && spec.cwd !== undefined && !existsSync(spec.cwd)) return `working directory ${spec.cwd} does not exist`;
  if (error.code === 'ENOENT') return `command not found: ${spec.file}`;
  if (error.code === 'EACCES') return `permission denied running ${spec.file}`;
  return `could not start ${spec.file}: ${error.message}`;
}
