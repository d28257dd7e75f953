import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The parent side: one contender in its own process, so its CPU and memory are
 * its own. Every wait is bounded; every child is killed when the harness exits.
 */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

interface Reply {
  replyTo: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
interface Event {
  event: string;
  data: unknown;
}

export class ChildLink {
  readonly name: string;
  readonly process: ChildProcess;
  readonly spawnedAt: number;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly events: Event[] = [];
  private readonly eventWaiters: Array<{ event: string; resolve: (d: unknown) => void }> = [];
  private exitError: Error | null = null;
  readonly exited: Promise<number | null>;

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.process = child;
    this.spawnedAt = performance.now();
    live.add(child);
    child.on('message', (raw) => this.onMessage(raw as Reply | Event));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        live.delete(child);
        this.exitError = new Error(`${name} exited (code ${code}, signal ${signal})`);
        for (const p of this.pending.values()) p.reject(this.exitError);
        this.pending.clear();
        resolve(code);
      });
    });
  }

  /** Starts bench/<script> under this Node; stdout and stderr go to logFile (or are dropped). */
  static spawn(name: string, script: string, args: string[], logFile?: string, env: Record<string, string> = {}): ChildLink {
    const fd = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
      stdio: ['ignore', fd, fd, 'ipc'],
      env: { ...process.env, ...env },
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    if (typeof fd === 'number') closeSync(fd);
    return new ChildLink(name, child);
  }

  request<T>(type: string, data?: unknown, timeoutMs = 60_000): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: no answer to "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v as T); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.process.send({ id, type, data });
    });
  }

  /** Resolves with the first event of this name (already received or still to come). */
  waitFor<T>(event: string, timeoutMs: number): Promise<T> {
    const index = this.events.findIndex((e) => e.event === event);
    if (index >= 0) return Promise.resolve(this.events.splice(index, 1)[0]!.data as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = { event, resolve: (d: unknown) => { clearTimeout(timer); resolve(d as T); } };
      const timer = setTimeout(() => {
        this.eventWaiters.splice(this.eventWaiters.indexOf(waiter), 1);
        reject(new Error(`${this.name}: no "${event}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.eventWaiters.push(waiter);
      void this.exited.then(() => reject(this.exitError ?? new Error(`${this.name} exited`)));
    });
  }

  /** Asks the child to stop (it answers "stop" when done), then kills it if it has not exited in time. */
  async stop<T>(timeoutMs = 60_000): Promise<T | null> {
    let value: T | null = null;
    try {
      value = await this.request<T>('stop', undefined, timeoutMs);
    } catch {
      // Killed below.
    }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5_000))]);
    this.kill();
    return value;
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }

  private onMessage(message: Reply | Event): void {
    if ('replyTo' in message) {
      const pending = this.pending.get(message.replyTo);
      if (!pending) return;
      this.pending.delete(message.replyTo);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(`${this.name}: ${message.error}`));
      return;
    }
    const waiter = this.eventWaiters.findIndex((w) => w.event === message.event);
    if (waiter >= 0) this.eventWaiters.splice(waiter, 1)[0]!.resolve(message.data);
    else this.events.push(message);
  }
}
