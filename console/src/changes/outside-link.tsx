import type { ReactNode } from 'react';
import { safeHref } from './safe-href.ts';

/** A link to another tool, opened in a new tab; an unsafe or missing URL is shown as text. */
export function OutsideLink({ href, children, testId }: { href: string | undefined | null; children?: ReactNode; testId?: string }) {
  const safe = safeHref(href);
  const label = children ?? href;
  if (!safe) return <span data-testid={testId} title="not an http(s) link">{label}</span>;
  return (
    <a href={safe} target="_blank" rel="noreferrer noopener" data-testid={testId}>
      {label}
    </a>
  );
}
