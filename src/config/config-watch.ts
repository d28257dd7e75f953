import { existsSync, readFileSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import path from 'node:path';
import { readSource } from './source-read.ts';
import { MAIN_FILE } from './include-resolve.ts';
import { mapOrEmpty } from './value-describe.ts';

export interface ConfigWatch {
  close(): void;
}

/**
 * Calls `onChange` once a burst of edits to the config settles. Watches the
 * directory and the folders of included files (not recursively: includes are
 * one level deep). Saving in an editor writes temp files, renames and
 * touches in quick succession, and `git checkout` rewrites many files at
 * once; the debounce turns each burst into one reload. The caller reloads
 * and decides; this only says "something changed".
 */
export function watchConfig(dir: string, onChange: () => void, options: { debounceMs?: number } = {}): ConfigWatch {
  const directory = path.resolve(dir);
  const debounceMs = options.debounceMs ?? 300;
  const watchers = new Map<string, FSWatcher>();
  /** Folders of included files, including ones that do not exist yet: creating one is a change. */
  let includeFolders = new Set<string>();
  let ignoredDataDir = '.opsdeck';
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const onEvent = (folder: string, filename: string | null) => {
    if (closed || !relevant(folder, filename)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      refresh();
      onChange();
    }, debounceMs);
  };

  const relevant = (folder: string, filename: string | null): boolean => {
    // Some platforms do not say which file changed; reloading is the safe answer.
    if (filename === null) return true;
    const relative = path.relative(directory, path.join(folder, filename)).split(path.sep).join('/');
    if (relative === ignoredDataDir || relative.startsWith(`${ignoredDataDir}/`)) return false;
    if (isEditorTempFile(path.basename(filename))) return false;
    return /\.ya?ml$/i.test(filename) || includeFolders.has(path.join(folder, filename));
  };

  /** Re-reads which folders to watch: the include list may have changed with the edit. */
  const refresh = () => {
    const wanted = new Set([directory]);
    const settings = readSettings(directory);
    ignoredDataDir = settings.dataDir;
    includeFolders = new Set(settings.include.map((pattern) => path.resolve(directory, path.dirname(pattern))));
    for (const folder of includeFolders) if (existsSync(folder)) wanted.add(folder);
    for (const [folder, watcher] of watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of wanted) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, filename) => onEvent(folder, filename));
        // A watched folder that is deleted errors; forget it, the next refresh re-adds it if it comes back.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch {
        // Vanished between existsSync and watch: same as above.
      }
    }
  };

  refresh();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** vim swap and probe files, emacs locks and backups, JetBrains safe-write copies. */
function isEditorTempFile(name: string): boolean {
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || /\.(swp|swx|swo|tmp|bak)$/i.test(name) || name === '4913' || /___jb_(tmp|old)___$/.test(name);
}

/** Best effort: an unreadable or broken opsdeck.yaml still gets its directory watched, so fixing it triggers a reload. */
function readSettings(directory: string): { include: string[]; dataDir: string } {
  try {
    const root = mapOrEmpty(readSource(MAIN_FILE, readFileSync(path.join(directory, MAIN_FILE), 'utf8')).value);
    const include = Array.isArray(root['include']) ? root['include'].filter((p): p is string => typeof p === 'string') : [];
    const dataDir = mapOrEmpty(root['server'])['data_dir'];
    const relativeDataDir = typeof dataDir === 'string' ? path.relative(directory, path.resolve(directory, dataDir)).split(path.sep).join('/') : '.opsdeck';
    return { include, dataDir: relativeDataDir };
  } catch {
    return { include: [], dataDir: '.opsdeck' };
  }
}
