import type { NotificationRecord } from '../../store/index.ts';
import type { Timer } from '../../time/index.ts';
import type { SendOutcome } from '../notify-types.ts';
import { decideDelivery } from './delivery-decision.ts';
import { recordDelivery } from './delivery-record.ts';
import type { DeliveryStats, DeliveryWorker, DeliveryWorkerOptions } from './delivery-worker-types.ts';
import { sendOnce } from './send-attempt.ts';

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  return new OutboxWorker(options);
}

const UNKNOWN_CHANNEL = (channel: string): SendOutcome => ({
  ok: false,
  retryable: false,
  reason: `no channel "${channel}" in the config (removed or renamed since the notification was queued)`,
});

class OutboxWorker implements DeliveryWorker {
  readonly #o: DeliveryWorkerOptions;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #sendTimeoutMs: number;
  readonly #pollMs: number;
  readonly #random: () => number;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #stats = { claimed: 0, sent: 0, retried: 0, dead: 0, errors: 0 };
  #started = false;
  #stopping = false;
  #timer: Timer | null = null;
  /** The claim pass running now; passes never overlap, a request during one runs it again. */
  #pass: Promise<void> | null = null;
  #again = false;

  constructor(options: DeliveryWorkerOptions) {
    this.#o = options;
    this.#concurrency = options.concurrency ?? 16;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#random = options.random ?? Math.random;
    if (this.#concurrency < 1) throw new Error(`delivery: concurrency must be at least 1, found ${this.#concurrency}`);
    if (this.#sendTimeoutMs * 2 > this.#leaseMs) {
      throw new Error(
        `delivery: the lease (${this.#leaseMs} ms) must be at least twice the send timeout (${this.#sendTimeoutMs} ms), ` +
          'so a send and its record finish before another process may take the row over; raise leaseMs or lower sendTimeoutMs',
      );
    }
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#runPass();
  }

  /**
   * Called from inside a store batch (the transition worker's), the pass waits for the batch's
   * commit: a page must never go out for an incident that a crash could still roll back (the
   * replay would page again), and the pass would only find the rows after the commit anyway.
   */
  kick(): void {
    this.#o.store.afterCommit(() => {
      if (this.#started && !this.#stopping) void this.#runPass();
    });
  }

  async drain(): Promise<void> {
    for (;;) {
      await this.#settled();
      const due = await this.#o.store.notifications.nextDueAt();
      if (due === null || due > this.#o.clock.now() || this.#stopping) return;
      const claimedBefore = this.#stats.claimed;
      await this.#runPass();
      // Due but nothing to take (a store error, say): return rather than spin.
      if (this.#stats.claimed === claimedBefore && this.#inFlight.size === 0) return;
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#timer?.cancel();
    this.#timer = null;
    await this.#settled();
  }

  stats(): DeliveryStats {
    return { inFlight: this.#inFlight.size, ...this.#stats };
  }

  async #settled(): Promise<void> {
    while (this.#pass || this.#inFlight.size > 0) await Promise.all([this.#pass, ...this.#inFlight]);
  }

  #runPass(): Promise<void> {
    if (this.#pass) {
      this.#again = true;
      return this.#pass;
    }
    const pass = (async () => {
      try {
        // A kick that lands while we look for the next due time must not be lost: check again after it.
        do {
          this.#again = false;
          await this.#claimAndSend();
          if (!this.#again) await this.#sleepUntilDue();
        } while (this.#again && !this.#stopping);
      } catch (error) {
        this.#failed(error);
        this.#sleep(this.#pollMs);
      } finally {
        this.#pass = null;
      }
    })();
    this.#pass = pass;
    return pass;
  }

  async #claimAndSend(): Promise<void> {
    const free = this.#concurrency - this.#inFlight.size;
    if (free <= 0 || this.#stopping) return;
    const { clock, store, owner } = this.#o;
    const rows = await store.notifications.claimDue(clock.now(), free, this.#leaseMs, owner);
    this.#stats.claimed += rows.length;
    for (const row of rows) {
      const delivery = this.#deliver(row).finally(() => {
        this.#inFlight.delete(delivery);
        // A slot is free: take the next due row now rather than at the next wake-up.
        this.kick();
      });
      this.#inFlight.add(delivery);
    }
  }

  async #sleepUntilDue(): Promise<void> {
    if (this.#stopping) return;
    // Full: each finished send kicks, so there is no need to ask the store (a scan of the pending
    // rows, which grows with a backlog) when the next row is due.
    if (this.#inFlight.size >= this.#concurrency) return this.#sleep(this.#pollMs);
    const due = await this.#o.store.notifications.nextDueAt();
    // Otherwise sleep to the next due row, but never past a poll.
    this.#sleep(due === null ? this.#pollMs : Math.min(this.#pollMs, Math.max(0, due - this.#o.clock.now())));
  }

  #sleep(ms: number): void {
    this.#timer?.cancel();
    if (this.#stopping || !this.#started) return;
    this.#timer = this.#o.clock.setTimer(ms, () => {
      this.#timer = null;
      this.kick();
    });
  }

  async #deliver(row: NotificationRecord): Promise<void> {
    const { clock, store } = this.#o;
    try {
      const notifier = this.#o.notifierFor(row.channel);
      const sent = notifier
        ? await sendOnce(notifier, row.message, row.key, clock, this.#sendTimeoutMs)
        : { outcome: UNKNOWN_CHANNEL(row.channel), startedAt: clock.now(), durationMs: 0 };
      const now = clock.now();
      const decision = decideDelivery({
        row,
        ...sent,
        now,
        policy: this.#o.retry(),
        fallbackChannel: this.#o.fallbackChannel(),
        random: this.#random,
      });
      await recordDelivery(store, row, decision, now);
      this.#o.onAttempt?.(sent.outcome);
      if (decision.next.status === 'sent') this.#stats.sent++;
      else if (decision.next.status === 'dead') this.#stats.dead++;
      else this.#stats.retried++;
    } catch (error) {
      // Not recorded: the lease runs out and the row is sent again with the same key, which the receiver dedupes.
      this.#failed(error);
    }
  }

  #failed(error: unknown): void {
    this.#stats.errors++;
    this.#o.onError(error);
  }
}
