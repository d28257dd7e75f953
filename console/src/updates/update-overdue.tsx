import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute, formatSpan } from '../ui/time-format.ts';
import type { UpdateCadence } from './update-types.ts';

/** "Update overdue since T" in words, not colour alone; or when the next public update is due. */
export function UpdateOverdue({ cadence, now }: { cadence: UpdateCadence | null | undefined; now: number }) {
  if (!cadence) return null;
  if (cadence.overdueSince !== null) {
    return (
      <p className="update-overdue" role="status" data-testid="update-overdue">
        Public update overdue since {formatAbsolute(cadence.overdueSince)} (<TimeAgo at={cadence.overdueSince} now={now} />; every {formatSpan(cadence.everyMs)})
      </p>
    );
  }
  return (
    <p className="muted" data-testid="update-due">
      Next public update due {formatAbsolute(cadence.dueAt)} (every {formatSpan(cadence.everyMs)})
    </p>
  );
}
