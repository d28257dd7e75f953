import type { RunbookDef } from '../../config/index.ts';
import type { RunbookRun, RunbookRunEvent, RunbookRunStep, Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import type { RunMode, StepState } from './run-decide.ts';
import type { StepProcess } from './step-process.ts';

type EventBody = RunbookRunEvent extends infer E ? (E extends RunbookRunEvent ? Omit<E, 'seq' | 'at'> : never) : never;
export type RunListener = (event: RunbookRunEvent) => void;

interface StepRecord extends StepState {
  def: RunbookDef['steps'][number];
  exitCode: number | null;
  startedAt: number | null;
  endedAt: number | null;
  actor: string | null;
  note: string | null;
  output: string;
}

/**
 * A run while this process runs it: its state, the log of everything that happened (what a stream
 * replays before it goes live, with no gap: replay and subscribe happen in one synchronous step),
 * and one ordered queue of store writes, so the database sees events in the order they happened
 * while output never waits for a write.
 */
export class LiveRun {
  readonly def: RunbookDef;
  readonly mode: RunMode;
  readonly values: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly steps: StepRecord[];
  run: RunbookRun;
  process: StepProcess | null = null;
  cancelRequested: string | null = null;
  advancing = false;
  /** Milliseconds spent running steps: the runbook's timeout is a budget over them, not over waiting for people. */
  spentMs = 0;
  readonly #events: RunbookRunEvent[] = [];
  readonly #listeners = new Set<RunListener>();
  readonly #clock: Clock;
  readonly #store: Store;
  readonly #onWriteError: (err: unknown) => void;
  #pending: RunbookRunEvent[] = [];
  #writes: Promise<void> = Promise.resolve();
  #ended!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.#ended = resolve));

  constructor(init: { def: RunbookDef; run: RunbookRun; mode: RunMode; values: Record<string, string>; secrets: string[]; clock: Clock; store: Store; onWriteError: (err: unknown) => void }) {
    this.def = init.def;
    this.run = init.run;
    this.mode = init.mode;
    this.values = init.values;
    this.secrets = init.secrets;
    this.#clock = init.clock;
    this.#store = init.store;
    this.#onWriteError = init.onWriteError;
    this.steps = init.def.steps.map((def) => ({ def, status: 'pending', confirmed: false, exitCode: null, startedAt: null, endedAt: null, actor: null, note: null, output: '' }));
  }

  emit(body: EventBody): RunbookRunEvent {
    const event = { ...body, seq: this.#events.length + 1, at: this.#clock.now() } as RunbookRunEvent;
    this.#events.push(event);
    if (event.type === 'output') this.steps[event.index]!.output += event.text;
    for (const listener of this.#listeners) listener(event);
    if (this.#pending.length === 0) this.persist(() => this.#flushEvents());
    this.#pending.push(event);
    return event;
  }

  /** Store writes in the order they were asked for; one failing is reported and the next still runs. */
  persist(write: () => Promise<unknown>): void {
    this.#writes = this.#writes.then(write).then(() => undefined, this.#onWriteError);
  }

  async #flushEvents(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    await this.#store.runbookRuns.appendEvents(this.run.id, batch);
  }

  /** Every event after `after`, then each new one as it happens, until unsubscribed. */
  subscribe(after: number, listener: RunListener): { replay: RunbookRunEvent[]; unsubscribe(): void } {
    this.#listeners.add(listener);
    return { replay: this.#events.filter((e) => e.seq > after), unsubscribe: () => void this.#listeners.delete(listener) };
  }

  viewSteps(): RunbookRunStep[] {
    return this.steps.map((s) => ({
      index: s.def.index, kind: s.def.kind, status: s.status, exitCode: s.exitCode, startedAt: s.startedAt, endedAt: s.endedAt,
      actor: s.actor, note: s.note, output: s.output,
    }));
  }

  /** Writes the step's state as it is now (in order with its events). */
  saveStep(index: number): void {
    const s = this.steps[index]!;
    const patch = { status: s.status, exitCode: s.exitCode, startedAt: s.startedAt, endedAt: s.endedAt, actor: s.actor, note: s.note };
    this.persist(() => this.#store.runbookRuns.updateStep(this.run.id, index, patch));
  }

  /** Resolves once every queued write is done. */
  async settled(): Promise<void> {
    let last: Promise<void>;
    do {
      last = this.#writes;
      await last;
    } while (last !== this.#writes);
  }

  markEnded(): void {
    this.#listeners.clear();
    this.#ended();
  }
}
