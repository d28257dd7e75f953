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

/** Where everything in one file was written, as readYaml() (or, for a file within its subset, yaml-subset-positions.ts) records it. */
export interface FilePositions {
  file: SourceFile;
  spots: FileSpots;
}

/**
 * One file as read: plain data and the text it came from. Positions are not
 * kept: at 50,000 checks they outweighed everything else, and they are only
 * needed for a file that an error points into, so the index works them out
 * from `text` then.
 */
export interface ConfigSource {
  /** Relative to the config directory, as shown in errors. */
  name: string;
  text: string;
  /** Plain data (maps are plain objects, keys are strings); undefined for an empty file. */
  value: unknown;
  /** Syntax errors and duplicate keys; positioned already. */
  errors: ConfigError[];
  /** False when the file has syntax errors: its tree cannot be trusted for further checks. */
  syntaxOk: boolean;
}

/**
 * Positions in the merged tree. Included files contribute whole entries of
 * map sections (services.api, severities.P1), so the owner of a path is
 * decided by its first two steps; everything else belongs to opsdeck.yaml.
 * A file's positions are worked out the first time a problem needs them.
 */
export class SourceIndex {
  private readonly main: ConfigSource;
  private readonly position: (source: ConfigSource) => FilePositions;
  private readonly owners = new Map<string, ConfigSource>();
  private readonly positioned = new Map<ConfigSource, FilePositions>();

  constructor(main: ConfigSource, position: (source: ConfigSource) => FilePositions) {
    this.main = main;
    this.position = position;
  }

  /** Records that `section.entry` (or a whole section absent from opsdeck.yaml) came from `source`. */
  own(path: TreePath, source: ConfigSource): void {
    this.owners.set(pathKey(path), source);
  }

  /**
   * Positions a problem. A path with no spot of its own (a missing key, an
   * empty file) falls back to its nearest ancestor, then to the start of opsdeck.yaml.
   */
  locate(problem: Problem): ConfigError {
    const found = this.find(problem.path);
    if (!found) return errorAt(this.positionsOf(this.main).file, 0, problem.path, problem.message);
    const { spot, exact } = found;
    let offset = spot.at;
    if (exact && problem.target === 'key') offset = spot.keyAt ?? spot.at;
    else if (exact && problem.column !== undefined && spot.contentAt !== null) offset = spot.contentAt + problem.column;
    return errorAt(spot.file, offset, problem.path, problem.message);
  }

  /**
   * Positions problems one owning file at a time, letting go of each included
   * file's positions once its problems are placed: at 50,000 checks a wrong
   * reference in every file would otherwise hold every file's positions at once.
   */
  locateAll(problems: readonly Problem[]): ConfigError[] {
    const errors: ConfigError[] = [];
    for (const [owner, group] of Map.groupBy(problems, (problem) => this.ownerOf(problem.path))) {
      for (const problem of group) errors.push(this.locate(problem));
      if (owner !== this.main) this.positioned.delete(owner);
    }
    return errors;
  }

  /** A problem at exactly `path` of `source`, whoever owns that path in the merged tree (an entry the merge refused). */
  locateIn(source: ConfigSource, problem: Problem): ConfigError {
    const spot = this.positionsOf(source).spots.get(pathKey(problem.path))!;
    return errorAt(spot.file, problem.target === 'key' ? (spot.keyAt ?? spot.at) : spot.at, problem.path, problem.message);
  }

  /** The spot of `path`, or of its nearest ancestor that has one. */
  find(path: TreePath): { spot: Spot; exact: boolean } | null {
    const owner = this.ownerOf(path);
    const ownerSpots = this.positionsOf(owner).spots;
    for (let n = path.length; n >= 0; n--) {
      const key = pathKey(path.slice(0, n));
      const spot = ownerSpots.get(key) ?? (owner === this.main ? undefined : this.positionsOf(this.main).spots.get(key));
      if (spot) return { spot, exact: n === path.length };
    }
    return null;
  }

  private ownerOf(path: TreePath): ConfigSource {
    return this.owners.get(pathKey(path.slice(0, 2))) ?? this.owners.get(pathKey(path.slice(0, 1))) ?? this.main;
  }

  private positionsOf(source: ConfigSource): FilePositions {
    let positions = this.positioned.get(source);
    if (!positions) {
      positions = this.position(source);
      this.positioned.set(source, positions);
    }
    return positions;
  }
}
