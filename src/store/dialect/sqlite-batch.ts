import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery } from 'kysely';
import type { DatabaseConnection, QueryResult } from 'kysely';

/** A FIFO lock: who has the one SQLite connection (or, inside a batch, the batch's transaction). */
export class ConnectionLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/**
 * The connection as handed out inside a batch: the same SQLite connection, told apart so that
 * beginning a transaction on it makes a savepoint and releasing it frees the batch's lock.
 */
export class BatchConnection implements DatabaseConnection {
  readonly batch: SqliteBatch;
  readonly #connection: DatabaseConnection;

  constructor(batch: SqliteBatch, connection: DatabaseConnection) {
    this.batch = batch;
    this.#connection = connection;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.#connection.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.#connection.streamQuery<R>(query, chunkSize);
  }
}

/** One open batch: its connection, the lock its own users take turns on, and what waits for its commit. */
export class SqliteBatch {
  readonly lock = new ConnectionLock();
  readonly connection: BatchConnection;
  readonly #afterCommit: (() => void)[] = [];
  #open = true;

  constructor(connection: DatabaseConnection) {
    this.connection = new BatchConnection(this, connection);
  }

  get open(): boolean {
    return this.#open;
  }

  afterCommit(fn: () => void): void {
    this.#afterCommit.push(fn);
  }

  /** Waits for whatever of the batch is using the connection, then lets nothing more in. */
  async close(): Promise<void> {
    await this.lock.lock();
    this.#open = false;
    this.lock.unlock();
  }

  committed(): (() => void)[] {
    return this.#afterCommit.splice(0);
  }
}

const BEGIN = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
// Transactions inside a batch take turns on its lock, so one savepoint name is enough.
const SAVEPOINT = CompiledQuery.raw('savepoint batch_item');
const RELEASE = CompiledQuery.raw('release batch_item');
const ROLLBACK_TO = CompiledQuery.raw('rollback to batch_item');
// What a driver runs for each step, on the connection itself or on a batch's (no array made per commit).
const PLAIN = { begin: BEGIN, commit: [COMMIT], rollback: [ROLLBACK] } as const;
const NESTED = { begin: SAVEPOINT, commit: [RELEASE], rollback: [ROLLBACK_TO, RELEASE] } as const;

/**
 * Many writers' transactions committed as one, on SQLite's single connection. Inside run(fn),
 * every query fn makes, directly or through any service it calls, runs in one BEGIN IMMEDIATE
 * transaction that commits when fn resolves; each transaction fn's callees open becomes a
 * savepoint of it, so one that throws still rolls back alone. Everyone else waits for the
 * connection as for any transaction.
 *
 * What it is for: an alert storm's incidents, each opened in its own transaction (and its queue
 * row deleted in another), spent a fifth of the time in SQLite's commit, which writes every page
 * the transaction touched to the WAL; consecutive incidents share pages (the last leaf of each
 * table and index), so one commit for a round of them writes a fraction. Draining 4,000 queued
 * transitions went from 1,673 to ~2,700 incidents a second, and `npm run bench -- --only=events`
 * had every incident of 4,000 new alerts open after 2.83 s instead of 3.57 s (medians of 3).
 *
 * The batch is found through AsyncLocalStorage, so work that fn starts without awaiting joins it
 * too while it is open (after, it is on its own): what must only follow a durable commit, such
 * as waking the notification sender, goes through afterCommit().
 */
export class SqliteBatches {
  readonly #storage = new AsyncLocalStorage<SqliteBatch>();

  /** The batch the caller is inside of, if it is still open. */
  current(): SqliteBatch | null {
    const batch = this.#storage.getStore();
    return batch?.open ? batch : null;
  }

  /**
   * Runs fn as one transaction on `connection`, which the caller holds (and releases after):
   * committed if fn resolves, rolled back if it throws. The afterCommit functions run after
   * the commit, outside the batch.
   */
  async run<T>(connection: DatabaseConnection, fn: () => Promise<T>): Promise<T> {
    const batch = new SqliteBatch(connection);
    await connection.executeQuery(BEGIN);
    let result: T;
    try {
      result = await this.#storage.run(batch, fn);
      await batch.close();
      await connection.executeQuery(COMMIT);
    } catch (error) {
      await batch.close();
      await connection.executeQuery(ROLLBACK).catch(() => {});
      throw error;
    }
    for (const after of batch.committed()) after();
    return result;
  }

  /** fn now, or after the commit of the batch the caller is in. */
  afterCommit(fn: () => void): void {
    const batch = this.current();
    if (batch) batch.afterCommit(fn);
    else fn();
  }

  /** The statements of a transaction on this connection: a savepoint inside a batch. */
  static steps(connection: DatabaseConnection): typeof PLAIN | typeof NESTED {
    return connection instanceof BatchConnection ? NESTED : PLAIN;
  }
}
