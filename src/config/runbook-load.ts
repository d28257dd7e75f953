import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigError, RunbookDef } from './config-types.ts';
import { parseRunbook } from '../runbooks/index.ts';
import { mapOrEmpty } from './value-describe.ts';

export interface RunbookLoad {
  runbooks: RunbookDef[];
  /** Problems inside runbook files, positioned in those files. */
  errors: ConfigError[];
}

/**
 * Parses every runbook once, at load: each Markdown file under runbooks/ and
 * each file an alert rule or routine names. A runbook with a problem (bad
 * front matter, an unclosed fence, a mutating step marked diagnostic) is a
 * config error like any other, so it is found by `opsdeck validate`, not by
 * the responder who opens it during an incident. Missing files are reported
 * by the reference checks (checkRunbooks, routine references), not here.
 */
export async function loadRunbooks(directory: string, tree: unknown): Promise<RunbookLoad> {
  const ids = new Set(await markdownUnder(directory, 'runbooks'));
  for (const named of namedRunbooks(tree)) {
    const id = path.posix.normalize(named.split(path.sep).join('/'));
    if (!id.startsWith('../') && (await isFile(path.join(directory, id)))) ids.add(id);
  }
  const runbooks: RunbookDef[] = [];
  const errors: ConfigError[] = [];
  for (const id of [...ids].sort()) {
    let text: string;
    try {
      text = await readFile(path.join(directory, id), 'utf8');
    } catch (error) {
      errors.push({ file: id, line: 1, column: 1, path: '', message: `cannot read runbook: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      continue;
    }
    const parsed = parseRunbook(id, text);
    runbooks.push(parsed.runbook);
    for (const p of parsed.problems) errors.push({ file: id, line: p.line, column: p.column, path: '', message: p.message });
  }
  return { runbooks, errors };
}

function namedRunbooks(tree: unknown): string[] {
  const names: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') names.push(value);
  };
  for (const service of Object.values(mapOrEmpty(mapOrEmpty(tree)['services']))) {
    for (const alert of Object.values(mapOrEmpty(mapOrEmpty(service)['alerts']))) add(mapOrEmpty(alert)['runbook']);
  }
  for (const routine of Object.values(mapOrEmpty(mapOrEmpty(tree)['routines']))) add(mapOrEmpty(routine)['runbook']);
  return names;
}

/** `runbooks/**\/*.md` as config-relative paths with forward slashes; none when the folder does not exist. */
async function markdownUnder(directory: string, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(directory, folder), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md'))
    .map((e) => path.relative(directory, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
