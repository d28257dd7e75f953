import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes files into a fresh temporary config directory and returns its path. */
export function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export const SEVERITIES = `
severities:
  P1: { name: Critical, respond_within: 15m, resolve_within: 4h, update_every: 30m }
  P2: { name: High, respond_within: 1h, resolve_within: 24h }
`;
