import type { CheckSummary, ServiceSummary } from '../api/types.ts';
import { Link } from '../router/link.tsx';
import { withQuery } from '../router/router.ts';
import { StatusDot } from '../ui/badges.tsx';
import { TimeAgo } from '../ui/time-ago.tsx';
import { formatAbsolute, formatSpan } from '../ui/time-format.ts';

function checkTitle(check: CheckSummary): string {
  const parts = [check.type];
  if (check.lastAt !== null) parts.push(`last run ${formatAbsolute(check.lastAt)}`);
  else parts.push('not run yet');
  if (check.lastDurationMs !== null) parts.push(`${check.lastDurationMs} ms`);
  return parts.join(' · ');
}

/** Why a check fails, in the words of its config: the error, or each failing condition with the value seen. */
function failureText(check: CheckSummary): string {
  if (check.lastError) return check.lastError;
  const failing = check.conditions.filter((c) => !c.ok).map((c) => c.text);
  return failing.length ? failing.join('  ·  ') : 'failing';
}

function checkState(check: CheckSummary): 'ok' | 'fail' | 'unknown' {
  return check.ok === null ? 'unknown' : check.ok ? 'ok' : 'fail';
}

const MARK = { ok: '✓', fail: '✗', unknown: '?' } as const;

function lastRun(checks: CheckSummary[]): number | null {
  let latest: number | null = null;
  for (const check of checks) if (check.lastAt !== null && (latest === null || check.lastAt > latest)) latest = check.lastAt;
  return latest;
}

/**
 * One service: its checks as compact chips (details in the tooltip), and a line per failing
 * check saying why. Keyed by service id, so a 2-second refresh patches text in place.
 */
export function ServiceRow({ service, now }: { service: ServiceSummary; now: number }) {
  const failing = service.checks.filter((c) => c.ok === false);
  const latest = lastRun(service.checks);
  return (
    <tr data-testid="service-row" data-status={service.status} data-service={service.id} className={`row-${service.status}`}>
      <td className="col-status">
        <StatusDot status={service.status} />
        <span className="status-word">{service.status}</span>
      </td>
      <td className="col-name">
        <Link href={`/services/${encodeURIComponent(service.id)}`} className="service-name" data-testid="service-link">{service.name}</Link>
        {service.component && service.component !== service.name && <span className="muted"> · {service.component}</span>}
      </td>
      <td className="col-checks">
        <ul className="checks">
          {service.checks.map((check) => {
            const state = checkState(check);
            return (
              <li key={check.id} className={`check check-${state}`} title={checkTitle(check)} data-testid="check" data-state={state}>
                <span aria-hidden="true">{MARK[state]}</span> {check.name}
              </li>
            );
          })}
          {service.checks.length === 0 && <li className="muted">no checks</li>}
        </ul>
        {failing.map((check) => (
          <div key={check.id} className="failure" data-testid="check-failure">
            <span className="failure-check">{check.name}:</span> <code>{failureText(check)}</code>
          </div>
        ))}
      </td>
      <td className="col-time">{latest === null ? <span className="muted">never</span> : <TimeAgo at={latest} now={now} />}</td>
      <td className="col-incidents">
        {service.openIncidents > 0 ? (
          <Link href={withQuery('/incidents', { service: service.id })} className="open-incidents" data-testid="open-incidents-link">
            {service.openIncidents} open
          </Link>
        ) : (
          <Link href={withQuery('/incidents', { service: service.id, status: 'all' })} className="muted" title="No open incidents; show past ones">
            none
          </Link>
        )}
      </td>
    </tr>
  );
}
