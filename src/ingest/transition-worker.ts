import type { Logger } from 'pino';
import type { AlertTransition, ExternalAlertsStore } from '../store/index.ts';
import type { Clock } from '../time/index.ts';

export interface TransitionWorkerDeps {
  queue: Pick<ExternalAlertsStore, 'queuedTransitions' | 'transitionDone'>;
  /** Runs one transition through the pipeline (AlertIntake.take). */
  take: (transition: AlertTransition) => Promise<void>;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  /**
   * Keys worked on at once (one key's transitions always run one after another). 1 for SQLite,
   * whose writes block the event loop anyway; more for PostgreSQL, where they wait on the network.
   */
  concurrency: number;
  /**
   * Awaited before each transition: a turn of the event loop (setImmediate), so requests already
   * read are answered first and a backlog of incidents does not stall ingest.
   */
  pause: () => Promise<void>;
  /**
   * Runs a round so that its transitions commit together (Store.batch): on SQLite one commit
   * instead of two for every incident opened. Default: each commits on its own.
   */
  commitTogether?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * A round takes no further key once it has run this long (default: no limit). With
   * commitTogether everyone else's writes wait for the round's commit (event ingest among them):
   * short rounds let them in between, so a backlog of incidents and a stream of events share
   * the process instead of taking turns by the hundred.
   */
  roundMs?: number;
  /** After a failed transition, the next attempt waits this long (default 1 s). */
  retryMs?: number;
  /** Rows read per round (default 100). */
  batch?: number;
}

/**
 * Drains the queue of accepted alert transitions into the pipeline, oldest first. A key's
 * transitions run one after another in the order they were accepted, each deleted only after
 * the pipeline has taken it and before the key's next one starts: a crash replays at most the
 * one in flight per key, which the pipeline absorbs (the incident exists: the firing adds a
 * timeline line; a resolve of a resolved incident does nothing). A failure leaves the key's
 * transitions queued and retries after retryMs, so a key is never taken out of order.
 */
export class TransitionWorker {
  readonly #deps: TransitionWorkerDeps;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #retry: { cancel(): void } | null = null;

  constructor(deps: TransitionWorkerDeps) {
    this.#deps = deps;
  }

  /** Something was queued (or the process started with a queue left by a crash): drain it. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
  }

  /** Resolves when the queue is empty or the current drain has stopped on a failure (tests, the bench). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#retry?.cancel();
    await this.idle();
  }

  async #drain(): Promise<void> {
    const { queue, batch = 100, commitTogether } = this.#deps;
    try {
      do {
        this.#again = false;
        for (;;) {
          if (this.#stopped) return;
          const transitions = await queue.queuedTransitions(batch);
          if (transitions.length === 0) break;
          const round = () => this.#run(transitions);
          if (!(await (commitTogether ? commitTogether(round) : round()))) {
            this.#retryLater();
            return;
          }
        }
      } while (this.#again);
    } catch (err) {
      this.#deps.logger.error({ err }, 'alert transitions: reading the queue or committing a round failed; retrying');
      this.#retryLater();
    }
  }

  /** Runs a round, keys in parallel up to the concurrency; false if any transition failed. */
  async #run(transitions: readonly AlertTransition[]): Promise<boolean> {
    const byKey = new Map<string, AlertTransition[]>();
    for (const t of transitions) {
      const list = byKey.get(t.key);
      if (list) list.push(t);
      else byKey.set(t.key, [t]);
    }
    const keys = [...byKey.values()];
    const endsAt = performance.now() + (this.#deps.roundMs ?? Infinity);
    let next = 0;
    let ok = true;
    const lane = async () => {
      // The keys left over stay queued, first in line for the next round.
      while (next < keys.length && !this.#stopped && (next === 0 || performance.now() < endsAt)) {
        const mine = keys[next++]!;
        for (const t of mine) {
          await this.#deps.pause();
          try {
            await this.#deps.take(t);
            await this.#deps.queue.transitionDone(t.id);
          } catch (err) {
            ok = false;
            this.#deps.logger.error({ err, key: t.key, transition: t.transition }, 'alert transitions: the pipeline failed; the key waits and is retried');
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#deps.concurrency, keys.length) }, lane));
    return ok;
  }

  #retryLater(): void {
    if (this.#stopped || this.#retry) return;
    this.#retry = this.#deps.clock.setTimer(this.#deps.retryMs ?? 1_000, () => {
      this.#retry = null;
      this.kick();
    });
  }
}
