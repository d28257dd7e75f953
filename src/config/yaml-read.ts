import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { errorAt, pathKey } from './source-map.ts';
import type { FileSpots, SourceFile, Spot, TreePath } from './source-map.ts';
import type { ConfigError } from './config-types.ts';

export interface YamlRead {
  file: SourceFile;
  /** Plain data (maps are plain objects, keys are strings); undefined for an empty file. */
  value: unknown;
  spots: FileSpots;
  /** Syntax errors and duplicate keys; positioned already. */
  errors: ConfigError[];
  /** False when the file has syntax errors: its tree cannot be trusted for further checks. */
  syntaxOk: boolean;
}

/** How every config file is parsed; the subset reader takes its scalar rules from the same settings. */
export const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;

/**
 * Parses one file into plain data plus the position of every node. We walk the
 * AST ourselves instead of calling toJS() so that each value keeps its place
 * in the source, and so that a duplicate key can name both of its places
 * (the yaml library only reports the second).
 */
export function readYaml(name: string, text: string): YamlRead {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  const file: SourceFile = { name, text, lines };
  const errors = doc.errors.map((e) => errorAt(file, e.pos[0], [], `YAML syntax error: ${sentence(e.message)}`));
  const walker = new TreeWalker(file, doc);
  const value = doc.contents ? walker.build(doc.contents, [], null) : undefined;
  return { file, value, spots: walker.spots, errors: [...errors, ...walker.errors], syntaxOk: errors.length === 0 };
}

/** yaml's messages start with a capital and sometimes end with a colon meant for a code excerpt. */
function sentence(message: string): string {
  const trimmed = message.trim().replace(/:$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

class TreeWalker {
  readonly spots: FileSpots = new Map();
  readonly errors: ConfigError[] = [];
  private readonly file: SourceFile;
  private readonly doc: Document;
  /** Aliases being expanded, so `a: &x [*x]` cannot recurse forever. */
  private readonly expanding = new Set<Node>();

  constructor(file: SourceFile, doc: Document) {
    this.file = file;
    this.doc = doc;
  }

  build(node: Node, path: TreePath, keyAt: number | null): unknown {
    const [start, end] = node.range ?? [keyAt ?? 0, keyAt ?? 0];
    // `key:` with nothing after it is an empty scalar placed after the colon; its key is the useful place to point.
    const at = start === end && keyAt !== null ? keyAt : start;
    this.spots.set(pathKey(path), { file: this.file, keyAt, at, contentAt: isScalar(node) ? this.contentAt(node) : null });
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target || this.expanding.has(target)) return null;
      this.expanding.add(target);
      const value = this.build(target, path, keyAt);
      this.expanding.delete(target);
      return value;
    }
    if (isSeq(node)) return node.items.map((item, i) => this.child(item as Node | null, [...path, i], null, at));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const firstAt = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyStart = keyNode?.range?.[0] ?? at;
        if (!isScalar(keyNode) || typeof keyNode.value === 'object') {
          this.errors.push(errorAt(this.file, keyStart, path, 'expected a plain key (a name), found a list or map used as a key'));
          continue;
        }
        const key = String(keyNode.value);
        const first = firstAt.get(key);
        if (first !== undefined) {
          const { line, col } = this.file.lines.linePos(first);
          const where = `${this.file.name}:${line}:${col}`;
          this.errors.push(errorAt(this.file, keyStart, [...path, key], `duplicate key "${key}"; first defined at ${where}`));
          continue;
        }
        firstAt.set(key, keyStart);
        // defineProperty, not assignment: a key named __proto__ must stay data.
        Object.defineProperty(out, key, { value: this.child((pair.value ?? null) as Node | null, [...path, key], keyStart, at), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return isScalar(node) ? node.value : null;
  }

  /** `key:` with nothing after it is null, positioned at its key. */
  private child(node: Node | null, path: TreePath, keyAt: number | null, parentAt: number): unknown {
    if (node) return this.build(node, path, keyAt);
    const at = keyAt ?? parentAt;
    const spot: Spot = { file: this.file, keyAt, at, contentAt: null };
    this.spots.set(pathKey(path), spot);
    return null;
  }

  /** Where the characters of a one-line string start, after its opening quote. */
  private contentAt(node: Scalar): number | null {
    const [start, end] = node.range ?? [0, 0];
    if (typeof node.value !== 'string' || this.file.text.slice(start, end).includes('\n')) return null;
    if (node.type === 'PLAIN') return start;
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return start + 1;
    return null;
  }
}
