import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface StoreSample {
  /** Seconds since the sampler started. */
  t: number;
  /** opsdeck.db + -wal + -shm. */
  bytes: number;
  walBytes: number;
  rawRows?: number;
  minuteRows?: number;
  /** Pages SQLite has freed and will reuse before the file grows. */
  freeBytes?: number;
}

const size = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * Samples the SQLite store from outside the opsdeck process: file sizes every
 * `everyMs`, row counts every `countEvery`-th sample on a short-lived read-only
 * connection (a reader held open would keep the WAL from being checkpointed).
 */
export function sampleStore(dataDir: string, everyMs: number, countEvery: number): { stop(): StoreSample[] } {
  const db = join(dataDir, 'opsdeck.db');
  const samples: StoreSample[] = [];
  const started = performance.now();
  let n = 0;
  const take = (): void => {
    const walBytes = size(`${db}-wal`);
    const sample: StoreSample = { t: (performance.now() - started) / 1000, bytes: size(db) + walBytes + size(`${db}-shm`), walBytes };
    if (n++ % countEvery === 0) Object.assign(sample, countRows(db));
    samples.push(sample);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      // The closing sample always counts rows; it replaces a plain one taken moments before.
      if (performance.now() - started - samples.at(-1)!.t * 1000 < 2_000) samples.pop();
      n = 0;
      take();
      return samples;
    },
  };
}

export function countRows(file: string): Pick<StoreSample, 'rawRows' | 'minuteRows' | 'freeBytes'> {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const one = (sql: string): number => Number((db!.prepare(sql).get() as Record<string, unknown>)['n']);
    return {
      rawRows: one('select count(*) as n from check_results'),
      minuteRows: one(`select count(*) as n from check_rollups where bucket = 'minute'`),
      freeBytes: one('select (select freelist_count from pragma_freelist_count) * (select page_size from pragma_page_size) as n'),
    };
  } catch {
    return {};
  } finally {
    db?.close();
  }
}

/** Distinct checks with a stored result at or after `since` (epoch ms): every check ran and was written. */
export function checksStoredSince(file: string, since: number): number | null {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const row = db.prepare('select count(distinct check_id) as n from check_results where at >= ?').get(since) as Record<string, unknown>;
    return Number(row['n']);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Growth in bytes per minute between the samples nearest to two times. */
export function growthPerMinute(samples: StoreSample[], fromT: number, toT: number): number | null {
  const near = (t: number) => samples.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best), samples[0]!);
  if (samples.length < 2) return null;
  const a = near(fromT);
  const b = near(toT);
  return b.t > a.t ? ((b.bytes - a.bytes) / (b.t - a.t)) * 60 : null;
}
