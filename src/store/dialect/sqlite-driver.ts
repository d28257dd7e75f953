import { SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';
import { BatchConnection, ConnectionLock, SqliteBatches } from './sqlite-batch.ts';
import type { WalCheckpoints } from './sqlite-checkpointer.ts';

/**
 * Every transaction here writes. A plain (deferred) BEGIN takes the write lock only at the
 * first write, and if another process wrote in between, SQLite fails at once with
 * SQLITE_BUSY instead of waiting busy_timeout. BEGIN IMMEDIATE takes the lock up front, so a
 * second process just waits its turn. (Isolation levels do not apply: SQLite transactions are
 * serializable.) Inside a batch, a transaction is a savepoint of the batch's (sqlite-batch.ts).
 */
export class ImmediateSqliteDriver implements Driver {
  // Kysely's driver knows the connection; this one decides who may use it, and how transactions begin.
  readonly #sqlite: SqliteDriver;
  readonly #checkpoints: WalCheckpoints;
  readonly #lock = new ConnectionLock();
  readonly batches = new SqliteBatches();

  constructor(config: SqliteDialectConfig, checkpoints: WalCheckpoints) {
    this.#sqlite = new SqliteDriver(config);
    this.#checkpoints = checkpoints;
  }

  init(): Promise<void> {
    return this.#sqlite.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const batch = this.batches.current();
    if (batch) {
      await batch.lock.lock();
      if (batch.open) return batch.connection;
      // It committed while this waited: from here on the caller is on its own.
      batch.lock.unlock();
    }
    await this.#lock.lock();
    return this.#sqlite.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof BatchConnection) connection.batch.lock.unlock();
    else this.#lock.unlock();
  }

  /** See SqliteBatches; a batch inside a batch is part of the outer one. */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    if (this.batches.current()) return fn();
    await this.#lock.lock();
    try {
      return await this.batches.run(await this.#sqlite.acquireConnection(), fn);
    } finally {
      this.#lock.unlock();
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(SqliteBatches.steps(connection).begin);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    for (const query of SqliteBatches.steps(connection).commit) await connection.executeQuery(query);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    for (const query of SqliteBatches.steps(connection).rollback) await connection.executeQuery(query);
  }

  // The last connection to close checkpoints everything and removes the WAL file. Stopping the
  // worker here, and waiting for it, means that has happened once Store.close() resolves.
  async destroy(): Promise<void> {
    await this.#checkpoints.stop();
    await this.#sqlite.destroy();
  }
}
