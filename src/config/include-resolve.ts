import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './source-map.ts';

export const MAIN_FILE = 'opsdeck.yaml';

/**
 * Expands `include:` into file names relative to the config directory, in
 * the order written (a glob's matches sorted by name), each file once.
 * Globs are one level deep and only in the file name (`services/*.yaml`):
 * enough to keep one file per service, and cheap to watch.
 * A named file that is missing is an error; a glob matching nothing is not,
 * so an empty services/ folder is a valid start.
 */
export async function resolveIncludes(dir: string, include: unknown): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  // A malformed include list is reported by the root schema; here we only expand what is usable.
  if (!Array.isArray(include)) return { files, problems };
  for (const [index, entry] of include.entries()) {
    if (typeof entry !== 'string') continue;
    const problem = (message: string) => problems.push({ path: ['include', index], target: 'value', message });
    const pattern = entry.trim().replaceAll('\\', '/');
    const dirPart = path.posix.dirname(pattern);
    const filePart = path.posix.basename(pattern);
    if (/[*?[\]{}]/.test(dirPart)) {
      problem(`expected a file path or a glob in the file name like services/*.yaml, found "${entry}"`);
      continue;
    }
    let matched: string[];
    if (/[*?]/.test(filePart)) {
      const folder = path.resolve(dir, dirPart);
      const names = await listFiles(folder);
      if (names === null) {
        problem(`folder "${dirPart}" does not exist in the config directory (for "${entry}")`);
        continue;
      }
      const glob = globRegex(filePart);
      matched = names.filter((name) => glob.test(name)).sort().map((name) => path.relative(dir, path.join(folder, name)));
    } else {
      const absolute = path.resolve(dir, pattern);
      if (!(await isFile(absolute))) {
        problem(`file "${entry}" does not exist; include paths are relative to the config directory`);
        continue;
      }
      matched = [path.relative(dir, absolute)];
    }
    for (const name of matched.map((m) => m.split(path.sep).join('/'))) {
      // opsdeck.yaml itself may match a glob like *.yaml; it is already loaded.
      if (name !== MAIN_FILE && !files.includes(name)) files.push(name);
    }
  }
  return { files, problems };
}

function globRegex(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  // Dot files (editor swap files, .#locks) are never config.
  return new RegExp(`^(?!\\.)${body}$`);
}

async function listFiles(folder: string): Promise<string[] | null> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
