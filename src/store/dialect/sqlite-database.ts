import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SqliteDialect is written against better-sqlite3; this is the subset it needs, over
 * node:sqlite, so Opsdeck installs without building a native addon.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  // Kysely prepares every query it runs; the engine's batch insert and the hot reads repeat
  // the same text, so keeping the compiled statements saves most of the per-query cost.
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached) return cached;
    const statement = adaptStatement(this.#db.prepare(sql));
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, statement);
    return statement;
  }
}

const STATEMENT_CACHE_SIZE = 256;

type SqliteValue = null | number | bigint | string | NodeJS.ArrayBufferView;

function adaptStatement(statement: StatementSync): SqliteStatement {
  return {
    // A statement that declares result columns is a query (SELECT, or anything with RETURNING).
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...bindable(parameters)).map(numbersOnly),
    run: (parameters) => statement.run(...bindable(parameters)),
    iterate: (parameters) => mapIterator(statement.iterate(...bindable(parameters)), numbersOnly),
  };
}

/** node:sqlite binds numbers, bigints, strings, buffers and null; booleans become 0/1, as SQLite stores them. */
function bindable(parameters: ReadonlyArray<unknown>): SqliteValue[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === undefined) return null;
    return value as SqliteValue;
  });
}

/** The records use plain numbers; bigints only appear if a caller turned on readBigInts. */
function numbersOnly(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (typeof value === 'bigint') record[key] = Number(value);
  }
  return record;
}

function* mapIterator<T, U>(iterator: Iterator<T>, map: (value: T) => U): IterableIterator<U> {
  for (let step = iterator.next(); !step.done; step = iterator.next()) yield map(step.value);
}
