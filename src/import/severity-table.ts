import type { Block } from '../runbooks/index.ts';

export interface SeverityGuess {
  id: string;
  name: string | null;
  respondWithin: string | null;
  resolveWithin: string | null;
  line: number;
}

/**
 * A table whose first column names P1..P4 (or SEV1..) is a severity table:
 * "| **P1 - Critical** | ... | 15 minutes |". A column headed "response" gives
 * respond_within, one headed "resolution"/"resolve" gives resolve_within.
 */
export function severitiesFrom(table: Extract<Block, { kind: 'table' }>): SeverityGuess[] {
  const [header, ...rows] = table.rows;
  if (!header || rows.length === 0) return [];
  const ids = rows.map((row) => /^(P\d|SEV\d|S\d)\b\s*(?:[-–:]\s*(.+))?$/i.exec((row[0] ?? '').trim()));
  if (!ids.every((m) => m !== null)) return [];
  const respond = header.findIndex((h) => /respon/i.test(h));
  const resolve = header.findIndex((h) => /resol/i.test(h));
  return rows.map((row, k) => ({
    id: ids[k]![1]!.toUpperCase(),
    name: ids[k]![2]?.trim() || null,
    respondWithin: respond >= 0 ? durationOf(row[respond] ?? '') : null,
    resolveWithin: resolve >= 0 ? durationOf(row[resolve] ?? '') : null,
    line: table.line + k + 2,
  }));
}

const UNITS: Record<string, string> = { second: 's', sec: 's', minute: 'm', min: 'm', hour: 'h', hr: 'h', day: 'd', week: 'w' };

/** "15 minutes" -> "15m", "< 2 hours" -> "2h", "1 hour" -> "1h"; null when it is not one amount of time. */
export function durationOf(text: string): string | null {
  const m = /^[<≤~]?\s*(\d+(?:\.\d+)?)\s*(second|sec|minute|min|hour|hr|day|week)s?$/i.exec(text.trim());
  return m ? `${m[1]}${UNITS[m[2]!.toLowerCase()]}` : null;
}
