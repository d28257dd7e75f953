import type { Clock } from '../../time/index.ts';
import type { NotificationMessage, Notifier, SendOutcome } from '../notify-types.ts';
import { formatDuration } from '../../time/index.ts';

export interface SendResult {
  outcome: SendOutcome;
  startedAt: number;
  durationMs: number;
}

/**
 * One send, bounded: the signal aborts after timeoutMs, and the attempt ends then even if the
 * channel ignores the signal (its promise is left to settle on its own). A channel that throws
 * is a bug there, not a reason to lose the notification: it counts as a retryable failure.
 */
export async function sendOnce(
  notifier: Notifier,
  message: NotificationMessage,
  idempotencyKey: string,
  clock: Clock,
  timeoutMs: number,
): Promise<SendResult> {
  const startedAt = clock.now();
  const controller = new AbortController();
  const timedOut = `timed out after ${formatDuration(timeoutMs)}`;
  let onTimeout: (outcome: SendOutcome) => void = () => {};
  const timeout = new Promise<SendOutcome>((resolve) => (onTimeout = resolve));
  const timer = clock.setTimer(timeoutMs, () => {
    controller.abort(new Error(timedOut));
    onTimeout({ ok: false, retryable: true, reason: timedOut });
  });
  try {
    const sent = notifier.send(message, { idempotencyKey, signal: controller.signal }).catch(
      (error: unknown): SendOutcome => ({
        ok: false,
        retryable: true,
        reason: controller.signal.aborted ? timedOut : `the channel threw: ${error instanceof Error ? error.message : String(error)}`,
      }),
    );
    const outcome = await Promise.race([sent, timeout]);
    return { outcome, startedAt, durationMs: clock.now() - startedAt };
  } finally {
    timer.cancel();
  }
}
