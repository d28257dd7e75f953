import type { AlertTransition, ChangeEvent, ExternalAlertTrigger, InboundEvent, StoreTransaction } from '../store/index.ts';

/** What an accepted event does to the store, besides being logged. */
export type AcceptedOp =
  | { kind: 'fire'; alert: ExternalAlertTrigger }
  | { kind: 'resolve'; key: string }
  | { kind: 'acknowledge'; key: string; actor: string }
  | { kind: 'change'; change: Omit<ChangeEvent, 'id'> };

/** One accepted request: its inbound-log row, and what it does. */
export interface AcceptedEvent {
  record: Omit<InboundEvent, 'id'>;
  op: AcceptedOp;
}

type QueuedTransition = Omit<AlertTransition, 'id'>;

/**
 * Writes a batch of accepted events inside the caller's transaction: every inbound-log row, every
 * alert change, and one queued transition for each change the pipeline must see (a new firing, a
 * resolve of a firing alert, an acknowledge of one). After the commit a 202 may go out: the
 * pipeline runs later from the queue.
 *
 * The effect is that of applying the events one by one in order. Events are gathered into
 * segments in which each key appears in one role only (repeat triggers of a key fold into one
 * upsert); an event for a key the segment already holds in another role (a resolve after a
 * trigger) starts the next segment, so a key's events keep their order.
 *
 * Resolves with the number of transitions queued: none (repeat triggers of firing alerts, the
 * bulk of a noisy sender's events) means there is nothing for the pipeline to look at.
 */
export async function acceptBatch(tx: StoreTransaction, events: readonly AcceptedEvent[], now: number): Promise<number> {
  await tx.inboundEvents.append(events.map((e) => e.record));
  let queued = 0;
  let segment = new Segment();
  for (const { op } of events) {
    if (op.kind === 'change') {
      await tx.changes.add(op.change);
      continue;
    }
    const key = op.kind === 'fire' ? op.alert.key : op.key;
    const role = segment.roles.get(key);
    if (role !== undefined && !(role === 'fire' && op.kind === 'fire')) {
      queued += await segment.write(tx, now);
      segment = new Segment();
    }
    segment.add(op);
  }
  return queued + (await segment.write(tx, now));
}

class Segment {
  readonly roles = new Map<string, AcceptedOp['kind']>();
  private readonly fires: ExternalAlertTrigger[] = [];
  private readonly resolves: string[] = [];
  private readonly acks = new Map<string, string>();

  add(op: Exclude<AcceptedOp, { kind: 'change' }>): void {
    if (op.kind === 'fire') {
      this.roles.set(op.alert.key, 'fire');
      this.fires.push(op.alert);
    } else if (op.kind === 'resolve') {
      this.roles.set(op.key, 'resolve');
      this.resolves.push(op.key);
    } else {
      this.roles.set(op.key, 'acknowledge');
      this.acks.set(op.key, op.actor);
    }
  }

  /** Resolves with the number of transitions it queued. */
  async write(tx: StoreTransaction, now: number): Promise<number> {
    const queued: QueuedTransition[] = [];
    const transition = (key: string, kind: QueuedTransition['transition'], actor: string | null = null) =>
      queued.push({ key, transition: kind, actor, queuedAt: now });
    if (this.fires.length > 0) {
      for (const { key, changed } of await tx.externalAlerts.fireMany(this.fires, now)) if (changed) transition(key, 'firing');
    }
    if (this.resolves.length > 0) {
      for (const alert of await tx.externalAlerts.resolveMany(this.resolves, now)) transition(alert.key, 'resolved');
    }
    // An acknowledge of an alert that is not firing does nothing (PagerDuty answers 202 all the same).
    if (this.acks.size > 0) {
      for (const key of await tx.externalAlerts.firingAmong([...this.acks.keys()])) transition(key, 'acknowledged', this.acks.get(key)!);
    }
    if (queued.length > 0) await tx.externalAlerts.queueTransitions(queued);
    return queued.length;
  }
}
