import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { RunbookRun } from '../store/index.ts';
import { apiClient, type ApiClientOptions } from './api-client.ts';
import { runbookGroup } from './runbook-lint-command.ts';

interface StepView { index: number; kind: string; text: string; risk: string; riskReason: string | null }
interface StreamEvent { id: string; event: string; data: { index?: number; status?: string; exitCode?: number | null; stream?: string; text?: string } }

const collect = (value: string, previous: string[]) => [...previous, value];

/** `opsdeck runbook run <id> --param K=V`: starts a run through the API and follows it live on the terminal. */
export function registerRunbookRunCommand(program: Command): void {
  runbookGroup(program).command('run <runbook>')
    .description('run a runbook through the API (e.g. runbooks/api-restart.md): prints each step and its output live, asks y/N before a mutating step, exits 1 unless the run succeeds')
    .option('-p, --param <NAME=value>', 'a parameter (repeat for more)', collect, [])
    .option('--incident <id>', 'link the run to an incident (it shows on the timeline)')
    .option('--yes', 'confirm every mutating step up front (admins only)')
    .option('--dry-run', 'print every command with its parameters and run nothing')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)')
    .action(async (runbook: string, o: { param: string[]; incident?: string; yes?: boolean; dryRun?: boolean } & ApiClientOptions) => {
      const params: Record<string, string> = {};
      for (const pair of o.param) {
        const at = pair.indexOf('=');
        if (at < 1) throw new Error(`--param expects NAME=value, found "${pair}"`);
        params[pair.slice(0, at)] = pair.slice(at + 1);
      }
      const call = apiClient(o);
      const { runbook: view } = await call<{ runbook: { title: string; steps: StepView[] } }>('GET', `/runbooks/view?id=${encodeURIComponent(runbook)}`);
      const body = { runbook, params, dryRun: Boolean(o.dryRun), yes: Boolean(o.yes), ...(o.incident ? { incident: Number(o.incident) } : {}) };
      const { run } = await call<{ run: RunbookRun }>('POST', '/runbook-runs', body);
      console.log(`run #${run.id}: ${view.title}${run.dryRun ? ' (dry run: nothing runs)' : ''}`);
      const cancel = () => void call('POST', `/runbook-runs/${run.id}/cancel`, {}).finally(() => process.exit(130));
      process.once('SIGINT', cancel);
      const status = await follow(o, run.id, view.steps, call);
      process.removeListener('SIGINT', cancel);
      console.log(`run #${run.id} ${status}`);
      if (status !== 'succeeded') process.exitCode = 1;
    });
}

async function follow(o: ApiClientOptions, runId: number, steps: StepView[], call: ReturnType<typeof apiClient>): Promise<string> {
  const base = (o.url ?? process.env.OPSDECK_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const response = await fetch(`${base}/api/v1/runbook-runs/${runId}/stream`, { headers: { authorization: `Bearer ${o.token ?? process.env.OPSDECK_TOKEN}` } });
  if (!response.ok || !response.body) throw new Error(`${response.status}: cannot follow run ${runId}`);
  const terminal = new TerminalLines();
  let final = 'ended without saying how (the server stopped?)';
  try {
    for await (const event of events(response.body)) {
      const { index = -1, status, exitCode = null } = event.data;
      const step = steps[index];
      if (event.event === 'output') (event.data.stream === 'stderr' ? process.stderr : process.stdout).write(event.data.text ?? '');
      else if (event.event === 'run' && ['succeeded', 'failed', 'cancelled'].includes(status ?? '')) final = status!;
      else if (event.event === 'step' && step) {
        const label = `step ${index + 1}/${steps.length}`;
        if (status === 'running') console.log(`\n▶ ${label} ${step.risk === 'mutating' ? '[mutating] ' : ''}${firstLine(step.text)}`);
        else if (status === 'waiting' && step.kind === 'manual') {
          const note = await ask(terminal, `☐ ${label}: ${firstLine(step.text)}\n  Done? "y" ticks it, or type a note; empty or "n" cancels the run: `);
          if (note === null) await call('POST', `/runbook-runs/${runId}/cancel`, {});
          else await call('POST', `/runbook-runs/${runId}/steps/${index}/done`, note === 'y' ? {} : { note });
        } else if (status === 'waiting') {
          const answer = await ask(terminal, `! ${label} is mutating (${step.riskReason ?? 'marked'}):\n${indent(step.text)}\n  Run it? [y/N] `);
          if (answer === 'y' || answer === 'yes') await call('POST', `/runbook-runs/${runId}/steps/${index}/confirm`, {});
          else await call('POST', `/runbook-runs/${runId}/cancel`, {});
        } else if (status !== 'pending') console.log(`${status === 'succeeded' ? '✓' : status === 'failed' ? '✗' : '·'} ${label} ${status}${exitCode === null ? '' : ` (exit ${exitCode})`}`);
      }
    }
  } finally {
    terminal.close();
  }
  return final;
}

/**
 * Lines typed (or piped) on stdin, kept until a question takes them: answers piped in all at once
 * (`printf 'y\n' | opsdeck runbook run ...`) arrive before the questions do.
 */
class TerminalLines {
  readonly #lines: string[] = [];
  #waiting: ((line: string | null) => void) | null = null;
  #closed = false;
  readonly #reader = createInterface({ input: process.stdin, terminal: false });

  constructor() {
    this.#reader.on('line', (line) => this.#give(line));
    this.#reader.on('close', () => {
      this.#closed = true;
      this.#give(null);
    });
  }

  #give(line: string | null): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting) waiting(line);
    else if (line !== null) this.#lines.push(line);
  }

  next(): Promise<string | null> {
    if (this.#lines.length > 0) return Promise.resolve(this.#lines.shift()!);
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  close(): void {
    this.#reader.close();
  }
}

/** y for yes; a note for a manual item; null when stdin ended or the answer was empty or no. */
async function ask(terminal: TerminalLines, question: string): Promise<string | null> {
  process.stderr.write(question);
  const text = (await terminal.next())?.trim() ?? '';
  process.stderr.write('\n');
  return text === '' || /^(n|no)$/i.test(text) ? null : /^(y|yes)$/i.test(text) ? 'y' : text;
}

async function* events(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      const data = field('data');
      if (data !== undefined) yield { id: field('id') ?? '', event: field('event') ?? 'message', data: JSON.parse(data) };
    }
  }
}

const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
const indent = (text: string) => text.replace(/\s+$/, '').split('\n').map((l) => `    ${l}`).join('\n');
