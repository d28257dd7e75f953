import type { Store } from '../../store/index.ts';
import type { Clock } from '../../time/index.ts';
import type { Notifier, SendOutcome } from '../notify-types.ts';
import type { RetryPolicy } from './retry-backoff.ts';

export interface DeliveryWorkerOptions {
  store: Store;
  clock: Clock;
  /** The configured channel with this id; undefined when the config no longer has it. */
  notifierFor(channelId: string): Notifier | undefined;
  retry(): RetryPolicy;
  /** Where dead letters go; null for nowhere (they stay visible as dead rows). */
  fallbackChannel(): string | null;
  /** Names this process's leases: unique per process in a cluster. */
  owner: string;
  /** Sends at once. Default 16. */
  concurrency?: number;
  /** How long a claimed row is ours; a process that dies mid-send frees it after this. Default 60s. */
  leaseMs?: number;
  /** Default 10s; must be well under leaseMs, or a slow send could be taken over while it runs. */
  sendTimeoutMs?: number;
  /** The longest sleep: other processes may enqueue without kicking us. Default 1s. */
  pollMs?: number;
  random?: () => number;
  /** Store failures; the affected rows are retried when their lease expires. */
  onError(error: unknown): void;
  /** Each attempt once it is recorded, with the channel's answer (the app's metrics). */
  onAttempt?(outcome: SendOutcome): void;
}

export interface DeliveryStats {
  inFlight: number;
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  errors: number;
}

export interface DeliveryWorker {
  start(): void;
  /** Wake now (the app calls it after enqueueing). */
  kick(): void;
  /** Resolves when nothing is due now and nothing is in flight (tests). */
  drain(): Promise<void>;
  /** Stops claiming and waits for the sends in flight. */
  stop(): Promise<void>;
  stats(): DeliveryStats;
}
