// Runs in a worker thread (see sqlite-checkpointer.ts): its own connection to the database
// file, checkpointing the WAL on a timer and on request until told to stop. Node built-ins
// only (the type import is erased), so that Node loads it as it is.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointRound } from './sqlite-checkpointer.ts';

const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new DatabaseSync(file);
// PASSIVE copies what it can without waiting on the writer or readers, so it never holds up
// the main thread's transactions; what it cannot copy yet waits for the next round.
const statement = db.prepare('pragma wal_checkpoint(passive)');

function checkpoint(requested: boolean): void {
  let complete = false;
  try {
    const { busy, log, checkpointed } = statement.get() as { busy: number; log: number; checkpointed: number };
    complete = busy === 0 && log === checkpointed;
  } catch {
    // SQLITE_BUSY (another checkpoint under way) and the like: the next round tries again.
  }
  const round: CheckpointRound = { requested, complete };
  parentPort?.postMessage(round);
}

const timer = setInterval(() => checkpoint(false), everyMs);

parentPort?.on('message', (message) => {
  if (message === 'checkpoint') {
    checkpoint(true);
  } else if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  }
});
