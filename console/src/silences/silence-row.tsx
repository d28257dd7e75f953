import type { Silence } from '../api/types.ts';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute } from '../ui/time-format.ts';

interface SilenceRowProps {
  silence: Silence;
  now: number;
  busy: boolean;
  onExpire: (silence: Silence) => void;
}

export function SilenceRow({ silence, now, busy, onExpire }: SilenceRowProps) {
  const ended = silence.expiredAt ?? silence.endsAt;
  return (
    <tr data-testid="silence-row" data-silence-id={silence.id} data-state={silence.state} className={silence.state === 'expired' ? 'settled' : undefined}>
      <td className="col-state">
        <span className={`status silence-${silence.state}`} data-testid="silence-state">
          {silence.state}
        </span>
        {silence.expiringSoon && silence.state !== 'expired' && (
          <span className="soon" title={`Ends ${formatAbsolute(silence.endsAt)}`} data-testid="expires-soon">
            expires soon
          </span>
        )}
      </td>
      <td>
        <ul className="matchers" aria-label="Matchers">
          {silence.matchers.map((m, i) => (
            <li key={i}>
              <code>
                {m.label}
                {m.op}
                {m.value}
              </code>
            </li>
          ))}
        </ul>
      </td>
      <td className="col-time">
        <TimeAgo at={silence.startsAt} now={now} />
      </td>
      <td className="col-time">
        {silence.state === 'expired' ? 'ended ' : 'ends '}
        <TimeAgo at={ended} now={now} />
      </td>
      <td>{silence.author}</td>
      <td className="silence-comment">{silence.comment}</td>
      <td>
        {silence.state !== 'expired' && (
          <button type="button" disabled={busy} onClick={() => onExpire(silence)} aria-label={`Expire silence ${silence.id}`}>
            Expire
          </button>
        )}
      </td>
    </tr>
  );
}
