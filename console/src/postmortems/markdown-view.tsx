import type { ReactNode } from 'react';
import { inline } from './markdown-inline.tsx';

// The subset of Markdown post-mortems use: headings, paragraphs, lists (with continuation
// lines), tables, fenced code, quotes and rules. HTML is never interpreted; comments (the
// action-item markers) are dropped. No Markdown library ships with the console, and this
// subset is small enough to keep safe by construction.

function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && (body[i + 1] === '|' || body[i + 1] === '\\')) {
      current += body[i + 1];
      i++;
    } else if (ch === '|') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

const isRule = (l: string) => /^\s*([-*_])(\s*\1){2,}\s*$/.test(l);
const isTableSeparator = (l: string | undefined) => l !== undefined && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l);
const listMarker = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

export function MarkdownView({ text }: { text: string }) {
  const lines = text.replace(/\r\n/g, '\n').replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const blocks: ReactNode[] = [];
  let i = 0;
  const key = () => `b${blocks.length}`;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      blocks.push(<pre key={key()}><code>{body.join('\n')}</code></pre>);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(heading[1]!.length + 1, 6);
      const Tag = `h${level}` as 'h2';
      blocks.push(<Tag key={key()}>{inline(heading[2]!.replace(/\s#+\s*$/, ''))}</Tag>);
      i++;
      continue;
    }
    if (isRule(line)) {
      blocks.push(<hr key={key()} />);
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && isTableSeparator(lines[i + 1])) {
      const head = splitRow(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(splitRow(lines[i++]!));
      blocks.push(
        <table key={key()} className="list md-table">
          <thead><tr>{head.map((h, c) => <th key={c}>{inline(h)}</th>)}</tr></thead>
          <tbody>{rows.map((r, ri) => <tr key={ri}>{head.map((_, c) => <td key={c}>{inline(r[c] ?? '')}</td>)}</tr>)}</tbody>
        </table>,
      );
      continue;
    }
    if (listMarker.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[][] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const m = listMarker.exec(current);
        if (m) items.push([m[3]!]);
        else if (/^\s{2,}\S/.test(current) && items.length > 0) items[items.length - 1]!.push(current.trim());
        else break;
        i++;
      }
      const children = items.map((parts, n) => (
        <li key={n}>{parts.flatMap((p, pi) => (pi === 0 ? inline(p, `l${n}-${pi}`) : [<br key={`br${pi}`} />, ...inline(p, `l${n}-${pi}`)]))}</li>
      ));
      blocks.push(ordered ? <ol key={key()}>{children}</ol> : <ul key={key()}>{children}</ul>);
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) quoted.push(lines[i++]!.replace(/^>\s?/, ''));
      blocks.push(<blockquote key={key()}>{inline(quoted.join(' '))}</blockquote>);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|```|~~~|>)/.test(lines[i]!) && !listMarker.test(lines[i]!)) {
      paragraph.push(lines[i++]!.trim());
    }
    blocks.push(<p key={key()}>{inline(paragraph.join(' '))}</p>);
  }
  return <div className="markdown" data-testid="postmortem-preview">{blocks}</div>;
}
