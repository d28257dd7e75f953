/** "2026-03-10 10:00:05 UTC": post-mortems are read across time zones, so every time is UTC and says so. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/**
 * Text inside a table cell: a pipe would end the cell and a line break the row, so pipes are
 * escaped and lines joined. Everything else stays as people wrote it.
 */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\r?\n\s*/g, ' ').trim() || ' ';
}

/** A list item whose text may span lines: continuation lines are indented so they stay in the item. */
export function listItem(head: string, text: string): string {
  const [first = '', ...rest] = text.replace(/\r\n/g, '\n').split('\n');
  return [`- ${head}${first}`, ...rest.map((line) => (line.trim() === '' ? '' : `  ${line}`))].join('\n');
}
