import type { ChangeEvent } from '../api/types.ts';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatShort } from '../ui/time-format.ts';
import { OutsideLink } from './outside-link.tsx';

/**
 * Changes newest first: when, where, what, who sent it, and its links. A change tied to no service
 * says "all services", since it shows on every service and incident of its time.
 */
export function ChangeList({ changes, now, empty }: { changes: ChangeEvent[]; now: number; empty: string }) {
  if (changes.length === 0) return <p className="muted" data-testid="no-changes">{empty}</p>;
  const ordered = [...changes].sort((a, b) => b.at - a.at || b.id - a.id);
  return (
    <table className="list changes">
      <thead>
        <tr>
          <th className="col-time">When</th>
          <th>Service</th>
          <th>Change</th>
          <th>From</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((change) => (
          <tr key={change.id} data-testid="change" data-change={change.id}>
            <td className="col-time">
              {formatShort(change.at, now)} <span className="muted">(<TimeAgo at={change.at} now={now} />)</span>
            </td>
            <td>{change.service ?? <span className="muted">all services</span>}</td>
            <td>
              <span data-testid="change-summary">{change.summary}</span>
              {change.links.length > 0 && (
                <ul className="change-links">
                  {change.links.map((link, i) => (
                    <li key={i}>
                      <OutsideLink href={link.href} testId="change-link">{link.text || link.href}</OutsideLink>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="muted">{change.source ?? change.origin}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
