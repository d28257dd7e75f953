import type { TargetRef } from '../config/config-types.ts';
import type { StoreTransaction } from '../store/index.ts';

/**
 * Who is on call for a schedule at an instant; null when nobody is. Provided by the on-call module.
 * Called inside the step's transaction with that transaction: overrides made through the API live in
 * the store, and on SQLite only the transaction's repositories may be used while it is open.
 */
export type OnCallLookup = (scheduleId: string, at: number, tx?: StoreTransaction) => Promise<string | null>;

type Lookup = (scheduleId: string, at: number) => Promise<string | null>;

/** A level's target with its schedule looked up: the one asynchronous part of a step. */
export type ResolvedTarget =
  | { kind: 'schedule'; id: string; user: string | null }
  | { kind: 'user'; id: string }
  | { kind: 'channel'; id: string };

/** One lookup at a time: they run inside one transaction, whose connection takes one statement at a time anyway. */
export async function resolveTargets(targets: readonly TargetRef[], at: number, onCallUser: Lookup): Promise<ResolvedTarget[]> {
  const resolved: ResolvedTarget[] = [];
  for (const target of targets) {
    resolved.push(target.kind === 'schedule' ? { kind: 'schedule', id: target.id, user: await onCallUser(target.id, at) } : { kind: target.kind, id: target.id });
  }
  return resolved;
}
