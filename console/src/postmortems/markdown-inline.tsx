import type { ReactNode } from 'react';

// Inline Markdown as React elements, never as HTML: whatever a post-mortem says (timeline
// messages come from alerts and other tools) is text to React, so nothing in it can run.

/** Only links people mean: web, mail and in-app paths; "javascript:" and the like stay text. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  return null;
}

const TOKEN = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))|(\\[\\`*_[\]|#-])/;

export function inline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest.length > 0) {
    const match = TOKEN.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index > 0) out.push(rest.slice(0, match.index));
    const token = match[0];
    const key = `${keyPrefix}-${n++}`;
    if (match[1]) out.push(<code key={key}>{token.slice(1, -1)}</code>);
    else if (match[2]) out.push(<strong key={key}>{inline(token.slice(2, -2), key)}</strong>);
    else if (match[3]) out.push(<em key={key}>{inline(token.slice(1, -1), key)}</em>);
    else if (match[4]) {
      const [, label = '', href = ''] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      const safe = safeHref(href);
      out.push(safe ? <a key={key} href={safe} rel="noreferrer noopener" target="_blank">{inline(label, key)}</a> : token);
    } else out.push(token.slice(1));
    rest = rest.slice(match.index + token.length);
  }
  return out;
}
