import type { ServiceStatus } from '../api/types.ts';

/** P1..P4 by colour and text; a severity the console does not know still shows, in grey. */
export function SeverityBadge({ severity }: { severity: string }) {
  const known = /^P[1-4]$/.test(severity) ? severity.toLowerCase() : 'other';
  return <span className={`badge sev-${known}`}>{severity}</span>;
}

/** Decoration only: colour alone is not enough (colour-blind readers, greyscale screenshots), so callers print the word beside it. */
export function StatusDot({ status }: { status: ServiceStatus }) {
  return <span className={`dot dot-${status}`} aria-hidden="true" />;
}

export function IncidentStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`status status-${status}`} data-testid={testId}>
      {status}
    </span>
  );
}
