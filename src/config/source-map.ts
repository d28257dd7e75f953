import type { LineCounter } from 'yaml';
import type { ConfigError } from './config-types.ts';

/** A path into the merged config tree, as zod reports it: keys and list indexes. */
export type TreePath = readonly (string | number)[];

/**
 * A problem found in the merged tree, not yet positioned. `key` problems
 * point at a key (unknown, duplicate), `value` problems at a value, or
 * `column` characters into a one-line string value.
 */
export interface Problem {
  path: TreePath;
  message: string;
  target: 'key' | 'value';
  column?: number;
}

/** One parsed file: enough to turn a byte offset into a line and column. */
export interface SourceFile {
  /** Relative to the config directory, as shown in errors. */
  name: string;
  text: string;
  lines: LineCounter;
}

/**
 * Where a node of the tree was written. Errors about a key (unknown,
 * duplicate) point at `keyAt`; errors about a value point at `at`, or inside
 * a string at `contentAt + column` when the string sits on one line in the
 * source, so source columns and string columns line up.
 */
export interface Spot {
  file: SourceFile;
  keyAt: number | null;
  at: number;
  contentAt: number | null;
}

export function pathKey(path: TreePath): string {
  return path.join('\u0000');
}

/** `services.api.checks.health.expect[1]`: what a person would type to find it. */
export function dottedPath(path: TreePath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  return out;
}

export function errorAt(file: SourceFile, offset: number, path: TreePath, message: string): ConfigError {
  const { line, col } = file.lines.linePos(offset);
  return { file: file.name, line, column: col, path: dottedPath(path), message };
}

export function describeSpot(spot: Spot, target: 'key' | 'value' = 'key'): string {
  const offset = target === 'key' ? (spot.keyAt ?? spot.at) : spot.at;
  const { line, col } = spot.file.lines.linePos(offset);
  return `${spot.file.name}:${line}:${col}`;
}

/** Spots of one file, by tree path. */
export type FileSpots = Map<string, Spot>;

/**
 * Spots of the merged tree. Included files contribute whole entries of map
 * sections (services.api, severities.P1), so the owner of a path is decided
 * by its first two steps; everything else belongs to opsdeck.yaml.
 */
export class SourceIndex {
  private readonly root: FileSpots;
  private readonly owners = new Map<string, FileSpots>();

  constructor(root: FileSpots) {
    this.root = root;
  }

  /** Records that `section.entry` (or a whole section absent from opsdeck.yaml) came from `spots`. */
  own(path: TreePath, spots: FileSpots): void {
    this.owners.set(pathKey(path), spots);
  }

  /**
   * Positions a problem. A path with no spot of its own (a missing key, an
   * empty file) falls back to its nearest ancestor, then to `fallback`'s start.
   */
  locate(problem: Problem, fallback: SourceFile): ConfigError {
    const found = this.find(problem.path);
    if (!found) return errorAt(fallback, 0, problem.path, problem.message);
    const { spot, exact } = found;
    let offset = spot.at;
    if (exact && problem.target === 'key') offset = spot.keyAt ?? spot.at;
    else if (exact && problem.column !== undefined && spot.contentAt !== null) offset = spot.contentAt + problem.column;
    return errorAt(spot.file, offset, problem.path, problem.message);
  }

  /** The spot of `path`, or of its nearest ancestor that has one. */
  find(path: TreePath): { spot: Spot; exact: boolean } | null {
    const owner = this.owners.get(pathKey(path.slice(0, 2))) ?? this.owners.get(pathKey(path.slice(0, 1))) ?? this.root;
    for (let n = path.length; n >= 0; n--) {
      const spot = owner.get(pathKey(path.slice(0, n))) ?? this.root.get(pathKey(path.slice(0, n)));
      if (spot) return { spot, exact: n === path.length };
    }
    return null;
  }
}
