import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.ts';

/**
 * The real Debian `prometheus` (2.42) and `prometheus-alertmanager` (0.25), started by a test on
 * loopback with every flag explicit: the defaults listen on all interfaces and write under /etc
 * and /var/lib. Each gets a temp directory for its config and storage, removed on stop.
 */
export interface PeerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  /** 127.0.0.1:<port>, as a Prometheus target or Alertmanager address is written. */
  address: string;
  dir: string;
  /** Everything it printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export interface PeerOptions {
  /** The YAML of prometheus.yml or alertmanager.yml. */
  config: string;
  /** More files beside it (rule files, named relative to the config). */
  files?: Record<string, string>;
  /** Until /-/ready answers 200 (default 30 s). */
  readyTimeoutMs?: number;
}

// Killed with SIGKILL if the test worker exits without its afterAll (a crash or a timeout).
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startPrometheus(options: PeerOptions): Promise<PeerProcess> {
  return startPeer('prometheus', options, (dir, address) => [
    `--config.file=${path.join(dir, 'config.yml')}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--web.listen-address=${address}`,
    `--web.external-url=http://${address}`,
    '--web.enable-lifecycle',
    '--log.level=warn',
  ]);
}

export async function startAlertmanager(options: PeerOptions): Promise<PeerProcess> {
  return startPeer('prometheus-alertmanager', options, (dir, address) => [
    `--config.file=${path.join(dir, 'config.yml')}`,
    `--storage.path=${path.join(dir, 'data')}`,
    `--web.listen-address=${address}`,
    `--web.external-url=http://${address}`,
    // Empty: no gossip port (it would bind 0.0.0.0:9094).
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
}

async function startPeer(binary: string, options: PeerOptions, flags: (dir: string, address: string) => string[]): Promise<PeerProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), `opsdeck-${binary}-`));
  writeFileSync(path.join(dir, 'config.yml'), options.config);
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(path.join(dir, name), text);
  const address = `127.0.0.1:${await freePort()}`;
  const child = spawn(`/usr/bin/${binary}`, flags(dir, address), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    running.delete(child);
    resolve(code);
  }));
  child.once('error', (err) => (text += `\n${err.message}`));
  const peer: PeerProcess = {
    url: `http://${address}`,
    address,
    dir,
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitReady(peer, binary, exited, options.readyTimeoutMs ?? 30_000);
  } catch (err) {
    await peer.stop();
    throw err;
  }
  return peer;
}

async function waitReady(peer: PeerProcess, binary: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone !== undefined) throw new Error(`${binary} exited with code ${gone} before it was ready:\n${peer.output()}`);
    const ok = await fetch(`${peer.url}/-/ready`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${binary} at ${peer.url} not ready after ${timeoutMs} ms:\n${peer.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A scrape target on 127.0.0.1 serving gauges in Prometheus' text format, whose values the test sets. */
export interface MetricsTarget {
  url: string;
  /** 127.0.0.1:<port>, for static_configs. */
  address: string;
  set(name: string, labels: Record<string, string>, value: number): void;
  /** How many times it was scraped. */
  scrapes(): number;
  close(): Promise<void>;
}

export async function startMetricsTarget(): Promise<MetricsTarget> {
  const series = new Map<string, { name: string; text: string }>();
  let scrapes = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end('not found');
    scrapes += 1;
    const names = [...new Set([...series.values()].map((s) => s.name))];
    const body = names.map((name) => [`# TYPE ${name} gauge`, ...[...series.values()].filter((s) => s.name === name).map((s) => s.text)].join('\n')).join('\n');
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${body}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: `http://${address}`,
    address,
    set(name, labels, value) {
      const written = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
      const id = `${name}{${written}}`;
      series.set(id, { name, text: `${id} ${value}` });
    },
    scrapes: () => scrapes,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
