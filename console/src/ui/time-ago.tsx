import { formatAbsolute, formatRelative } from './time-format.ts';

/** A relative time with the absolute local time in the tooltip and a machine-readable datetime. */
export function TimeAgo({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={formatAbsolute(at)}>
      {formatRelative(at, now)}
    </time>
  );
}
