import { hostname } from 'node:os';
import path from 'node:path';
import type { Config, RunbookDef } from '../../config/index.ts';
import type { Incident } from '../../incidents/index.ts';
import type { Role, RunbookRun, RunbookRunEvent, Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import { LiveRun, type RunListener } from './live-run.ts';
import { auditRun, timelineEvent, type RunView } from './run-records.ts';
import { nextMove, type NextMove } from './run-decide.ts';
import { resolveParams, type GivenParams } from './run-params.ts';
import { RunbookError } from './runbook-error.ts';
import { executeStep, previewStep } from './step-execute.ts';

/** Who acts: a token's principal, or Opsdeck itself (diagnostics, routines). */
export interface RunActor {
  /** "token:ana", "system", "routine:<id>". */
  name: string;
  role: Role | 'system';
}

export interface StartRun {
  runbook: string;
  params?: GivenParams;
  incidentId?: number | null;
  routine?: string | null;
  dryRun?: boolean;
  /** Confirm every mutating step up front: admins (and Opsdeck itself) only. */
  yes?: boolean;
  /** diagnostic: only the read-only steps marked diagnostic (an incident with this runbook opened). */
  only?: 'all' | 'diagnostic';
}

export interface RunnerDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  /** The environment steps inherit (where kubectl finds its credentials); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  onError?: (err: unknown, what: string) => void;
}

/**
 * Runs runbooks: each shell step a real process in its own process group, in order, with its
 * timeout; mutating steps wait for a confirmation and manual items for a person; output masked,
 * capped, streamed and stored; every run audited and, when linked, on its incident's timeline.
 * What happens next is decided by nextMove() (pure); this class only carries it out.
 */
export class RunbookRunner {
  readonly #deps: RunnerDeps;
  readonly #live = new Map<number, LiveRun>();
  /** "<host>:<pid>": a restarted process recognises the runs its predecessor left behind. */
  readonly owner = `${hostname()}:${process.pid}`;

  constructor(deps: RunnerDeps) {
    this.#deps = deps;
  }

  runbook(id: string): RunbookDef | null {
    const wanted = path.posix.normalize(id.replace(/^\.\//, ''));
    return this.#deps.config().runbooks.find((r) => r.id === wanted || path.posix.normalize(r.id) === wanted) ?? null;
  }

  async start(input: StartRun, actor: RunActor): Promise<RunbookRun> {
    const { store, clock } = this.#deps;
    const def = this.runbook(input.runbook);
    if (!def) {
      const known = this.#deps.config().runbooks.map((r) => r.id);
      throw new RunbookError('not_found', `no runbook "${input.runbook}"; known: ${known.length ? known.join(', ') : 'none (add Markdown files under runbooks/)'}`, 'runbook');
    }
    mayRun(def, actor);
    if (input.yes && actor.role !== 'admin' && actor.role !== 'system') {
      throw new RunbookError('forbidden', `"yes" confirms every mutating step up front and is for admins; your token's role is ${actor.role}. Start the run without it and confirm each step.`, 'yes');
    }
    const incidentId = input.incidentId ?? null;
    if (incidentId !== null && !(await store.incidents.get(incidentId))) throw new RunbookError('not_found', `no incident ${incidentId}`, 'incident');
    const params = resolveParams(def.parameters, input.params ?? {});
    if (!params.ok) throw new RunbookError('invalid', params.message, params.field);

    const now = clock.now();
    const mode = { dryRun: input.dryRun ?? false, confirmedUpFront: input.yes ?? false, only: input.only ?? 'all' };
    const run = await store.runbookRuns.create(
      { runbook: def.id, title: def.title, incidentId, routine: input.routine ?? null, params: params.shown, status: 'running', startedAt: now, endedAt: null, actor: actor.name, dryRun: mode.dryRun },
      this.owner,
      def.steps.map((s) => ({ index: s.index, kind: s.kind, status: 'pending' as const })),
    );
    const live = new LiveRun({ def, run, mode, values: params.values, secrets: params.secrets, clock, store, onWriteError: (err) => this.#report(err, `saving run ${run.id}`) });
    this.#live.set(run.id, live);
    live.emit({ type: 'run', status: 'running' });
    live.persist(() => auditRun(store, live, now, 'start'));
    if (incidentId !== null) live.persist(() => store.incidents.addEvent(incidentId, timelineEvent(live, now, { kind: 'started' })));
    void this.#advance(live);
    return { ...run };
  }

  /** A mutating step waiting for confirmation runs now. */
  async confirm(runId: number, index: number, actor: RunActor): Promise<RunbookRun> {
    const live = await this.#waiting(runId, index, 'confirm');
    mayRun(live.def, actor);
    const step = live.steps[index]!;
    step.confirmed = true;
    step.actor = actor.name;
    void this.#advance(live);
    return { ...live.run };
  }

  /** A manual task-list item was done. */
  async done(runId: number, index: number, actor: RunActor, note: string | null): Promise<RunbookRun> {
    const live = await this.#waiting(runId, index, 'done');
    mayRun(live.def, actor);
    this.#finishStep(live, index, { status: 'succeeded', exitCode: null, actor: actor.name, note });
    void this.#advance(live);
    return { ...live.run };
  }

  /** Stops the run: a running step's whole process group is killed; nothing after it runs. */
  async cancel(runId: number, actor: RunActor): Promise<RunbookRun> {
    const live = this.#live.get(runId);
    if (!live) throw await this.#notLive(runId);
    mayRun(live.def, actor);
    live.cancelRequested ??= actor.name;
    if (live.process) live.process.cancel();
    else void this.#advance(live);
    await live.ended;
    return (await this.#deps.store.runbookRuns.get(runId)) ?? live.run;
  }

  /** The run with its steps: from memory while it runs here, else from the store. */
  async view(runId: number): Promise<RunView | null> {
    const live = this.#live.get(runId);
    if (live) return { run: { ...live.run }, steps: live.viewSteps() };
    const run = await this.#deps.store.runbookRuns.get(runId);
    return run ? { run, steps: await this.#deps.store.runbookRuns.steps(runId) } : null;
  }

  /**
   * The run's events after `after`, then live ones until it ends. For a run that ended (or runs in
   * another process) only the stored events, and live is false.
   */
  async follow(runId: number, after: number, listener: RunListener): Promise<{ replay: RunbookRunEvent[]; live: boolean; ended: Promise<void>; unsubscribe(): void } | null> {
    const running = this.#live.get(runId);
    if (running) return { ...running.subscribe(after, listener), live: true, ended: running.ended };
    if (!(await this.#deps.store.runbookRuns.get(runId))) return null;
    return { replay: await this.#deps.store.runbookRuns.events(runId, after), live: false, ended: Promise.resolve(), unsubscribe: () => {} };
  }

  /** An incident opened whose alert names a runbook: its read-only diagnostic steps run by themselves, as Opsdeck. */
  async diagnose(incident: Incident): Promise<RunbookRun | null> {
    if (!incident.runbook) return null;
    const def = this.runbook(incident.runbook);
    if (!def || !def.steps.some((s) => s.diagnostic && s.kind === 'shell' && s.risk === 'readonly')) return null;
    try {
      return await this.start({ runbook: def.id, incidentId: incident.id, only: 'diagnostic' }, { name: 'system', role: 'system' });
    } catch (err) {
      // A required parameter without a default cannot be guessed: say so where responders look.
      await this.#deps.store.incidents.addEvent(incident.id, {
        at: this.#deps.clock.now(), kind: 'runbook', actor: 'system', message: `Diagnostics of "${def.title}" did not run: ${(err as Error).message}`, data: { runbook: def.id, event: 'not-started' },
      });
      return null;
    }
  }

  /**
   * Runs a previous process left unfinished on this host, whose process is gone, are marked failed:
   * their steps' processes died with it. Runs owned by another host may still be running there.
   */
  async recoverAbandoned(): Promise<number> {
    const host = `${hostname()}:`;
    let marked = 0;
    for (const run of await this.#deps.store.runbookRuns.unfinished()) {
      if (!run.owner.startsWith(host) || run.owner === this.owner || processAlive(Number(run.owner.slice(host.length)))) continue;
      const now = this.#deps.clock.now();
      await this.#deps.store.runbookRuns.setStatus(run.id, 'failed', now);
      await this.#deps.store.audit.append({ at: now, actor: 'system', action: 'runbook.run.abandoned', target: `runbook-run:${run.id}`, data: { runbook: run.runbook, owner: run.owner } });
      marked++;
    }
    return marked;
  }

  /** Shutdown: every live run is cancelled (its process groups killed) and its state written. */
  async stop(): Promise<void> {
    await Promise.all([...this.#live.keys()].map((id) => this.cancel(id, { name: 'system', role: 'system' }).catch((err) => this.#report(err, `cancelling run ${id}`))));
  }

  async #advance(live: LiveRun): Promise<void> {
    if (live.advancing) return;
    live.advancing = true;
    try {
      for (;;) {
        if (live.cancelRequested !== null && !live.process) return await this.#end(live, 'cancelled', null);
        const move: NextMove = nextMove(live.def.steps, live.steps, live.mode);
        if (move.kind === 'busy') return;
        if (move.kind === 'finish') return await this.#end(live, move.status, move.failedStep);
        if (move.kind === 'wait') {
          this.#setStep(live, move.index, 'waiting');
          this.#setRun(live, 'waiting');
          return;
        }
        this.#setRun(live, 'running');
        if (move.kind === 'skip') this.#finishStep(live, move.index, { status: 'skipped', exitCode: null });
        else if (move.kind === 'preview') {
          previewStep(live, move.index);
          this.#finishStep(live, move.index, { status: 'skipped', exitCode: null });
        } else {
          this.#setStep(live, move.index, 'running');
          const outcome = await executeStep(live, move.index, this.#deps.config().directory, this.#deps.env ?? process.env);
          this.#finishStep(live, move.index, outcome);
        }
      }
    } catch (err) {
      this.#report(err, `running run ${live.run.id}`);
      await this.#end(live, 'failed', null);
    } finally {
      live.advancing = false;
    }
  }

  #setStep(live: LiveRun, index: number, status: 'running' | 'waiting'): void {
    const step = live.steps[index]!;
    if (step.status === status) return;
    step.status = status;
    if (status === 'running') step.startedAt = this.#deps.clock.now();
    live.emit({ type: 'step', index, status, exitCode: null });
    live.saveStep(index);
  }

  #finishStep(live: LiveRun, index: number, outcome: { status: 'succeeded' | 'failed' | 'skipped' | 'cancelled'; exitCode: number | null; actor?: string; note?: string | null }): void {
    const step = live.steps[index]!;
    const now = this.#deps.clock.now();
    step.status = outcome.status;
    step.exitCode = outcome.exitCode;
    step.endedAt = now;
    if (outcome.actor !== undefined) step.actor = outcome.actor;
    if (outcome.note !== undefined) step.note = outcome.note;
    live.emit({ type: 'step', index, status: outcome.status, exitCode: outcome.exitCode });
    live.saveStep(index);
    const incidentId = live.run.incidentId;
    if (incidentId !== null && outcome.status !== 'skipped' && outcome.status !== 'cancelled') {
      live.persist(() => this.#deps.store.incidents.addEvent(incidentId, timelineEvent(live, now, { kind: 'step', index })));
    }
  }

  #setRun(live: LiveRun, status: 'running' | 'waiting'): void {
    if (live.run.status === status) return;
    live.run = { ...live.run, status };
    live.emit({ type: 'run', status });
    live.persist(() => this.#deps.store.runbookRuns.setStatus(live.run.id, status, null));
  }

  async #end(live: LiveRun, status: 'succeeded' | 'failed' | 'cancelled', failedStep: number | null): Promise<void> {
    const { store, clock } = this.#deps;
    const now = clock.now();
    // What did not get to run says why: skipped after a failure, cancelled with the run.
    for (const step of live.steps) {
      if (step.status === 'pending' || step.status === 'waiting' || step.status === 'running') {
        this.#finishStep(live, step.def.index, { status: status === 'cancelled' ? 'cancelled' : 'skipped', exitCode: null });
      }
    }
    live.run = { ...live.run, status, endedAt: now };
    live.emit({ type: 'run', status });
    live.persist(() => store.runbookRuns.setStatus(live.run.id, status, now));
    live.persist(() => auditRun(store, live, now, 'finish', failedStep));
    const incidentId = live.run.incidentId;
    if (incidentId !== null) live.persist(() => store.incidents.addEvent(incidentId, timelineEvent(live, now, { kind: 'finished' })));
    await live.settled();
    this.#live.delete(live.run.id);
    live.markEnded();
  }

  async #waiting(runId: number, index: number, what: 'confirm' | 'done'): Promise<LiveRun> {
    const live = this.#live.get(runId);
    if (!live) throw await this.#notLive(runId);
    const step = live.steps[index];
    if (!step) throw new RunbookError('not_found', `run ${runId} has no step ${index}; its steps are 0 to ${live.steps.length - 1}`);
    const waitsFor = step.def.kind === 'manual' ? 'done' : 'confirm';
    if (step.status !== 'waiting' || waitsFor !== what) {
      const expected = what === 'confirm' ? 'a mutating step waiting for confirmation' : 'a manual item waiting to be done';
      throw new RunbookError('conflict', `step ${index} of run ${runId} is not ${expected}; it is a ${step.def.kind} step, ${step.status}`);
    }
    return live;
  }

  async #notLive(runId: number): Promise<RunbookError> {
    const run = await this.#deps.store.runbookRuns.get(runId);
    if (!run) return new RunbookError('not_found', `no runbook run ${runId}`);
    if (run.endedAt !== null) return new RunbookError('conflict', `run ${runId} has ended (${run.status})`);
    return new RunbookError('conflict', `run ${runId} is running in another Opsdeck process (${(await this.#deps.store.runbookRuns.unfinished()).find((r) => r.id === runId)?.owner ?? 'unknown'}); act on it there`);
  }

  #report(err: unknown, what: string): void {
    this.#deps.onError?.(err, what);
  }
}

function mayRun(def: RunbookDef, actor: RunActor): void {
  if (actor.role === 'system' || def.roles.includes(actor.role)) return;
  throw new RunbookError('forbidden', `runbook "${def.id}" may be run by ${def.roles.join(', ')}; your token's role is ${actor.role}`);
}

function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
