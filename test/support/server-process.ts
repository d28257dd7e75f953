import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** The admin secret printed on first start, if this start printed one. */
  secret: string | null;
  output(): string;
}

/** Runs `opsdeck serve` as a real process, the way a user does, and waits until it prints its URL. */
export async function startServerProcess(dir: string, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN, 'serve', dir, '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, OPSDECK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${text}`)), 20_000);
    const onData = () => {
      if (text.includes('Opsdeck is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${text}`)));
  });
  const secret = text.match(/#token=(odk_[\w-]+)/)?.[1] ?? null;
  return { child, url, secret, output: () => text };
}

export function killHard(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    server.child.on('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}
