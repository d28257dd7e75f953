import {
  BACKSLASH, COLON, COMMA, DASH, DQUOTE, ESCAPES, FLOW_INDICATORS, HASH, INDICATORS, LBRACE, LBRACKET, NL, OUTSIDE, QUESTION, RBRACE, RBRACKET, SPACE, SQUOTE,
  hasOutsideCharacters, isBlank, outside, resolvePlain, setKey,
} from './yaml-subset-syntax.ts';

/**
 * A fast reader for the YAML configs are written in: block maps and lists,
 * flow collections and quoted or plain scalars on one line, comments. It
 * returns exactly the plain value readYaml() builds, or null for anything
 * else (anchors, tags, block or multi-line scalars, duplicate keys, any
 * syntax error), and the caller then uses readYaml(), which stays the
 * reference. It records no positions here; for a file an error points into,
 * yaml-subset-positions.ts reads it again and records them.
 *
 * Why it exists: the yaml library builds a CST and a node per scalar, about
 * half a second and 100 MB of garbage per MB of config; at 50,000 checks that
 * was most of the load time and nearly all of the peak memory.
 */
export function readYamlSubset(text: string): { value: unknown } | null {
  return withinSubset(text, () => ({ value: new SubsetReader(text).document() }));
}

/** `read()`'s result, or null when `text` turns out to need the full reader. */
export function withinSubset<T>(text: string, read: () => T): T | null {
  if (hasOutsideCharacters(text)) return null;
  try {
    return read();
  } catch (error) {
    if (error === OUTSIDE) return null;
    throw error;
  }
}

export class SubsetReader {
  protected readonly text: string;
  /** Start of the current line. */
  private line = 0;
  /** Read position, within the current line. */
  private pos = 0;
  /**
   * Items of the lists being read, innermost last. A finished list is spliced
   * off at its exact length: a list grown by push() keeps room for 17 items,
   * which at one `expect` list per check was a third of the tree.
   */
  private readonly items: unknown[] = [];
  /** Keys and indexes down to the node being read. */
  protected readonly path: (string | number)[] = [];

  constructor(text: string) {
    this.text = text;
  }

  document(): unknown {
    const indent = this.nextContentLine();
    if (indent < 0) return undefined;
    this.spot(null, this.pos, null);
    const value = this.block(indent);
    if (this.nextContentLine() >= 0) outside();
    return value;
  }

  /** Skips blank and comment lines; returns the indent of the next line with content (positioned there), or -1 at the end. */
  private nextContentLine(): number {
    const { text } = this;
    while (this.line < text.length) {
      let p = this.line;
      while (text.charCodeAt(p) === SPACE) p++;
      const code = text.charCodeAt(p);
      if (code !== NL && code !== HASH && p < text.length) {
        this.pos = p;
        return p - this.line;
      }
      this.toNextLine(p);
    }
    this.pos = this.line;
    return -1;
  }

  private toNextLine(from: number): void {
    const eol = this.text.indexOf('\n', from);
    this.line = eol < 0 ? this.text.length : eol + 1;
    this.pos = this.line;
  }

  private block(indent: number): unknown {
    this.checkDepth();
    const isSeq = this.text.charCodeAt(this.pos) === DASH && isBlank(this.text.charCodeAt(this.pos + 1));
    return isSeq ? this.blockSeq(indent) : this.blockMap(indent);
  }

  private blockMap(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let found = indent; found >= indent; found = this.nextContentLine()) {
      // Deeper than its siblings: a continued plain scalar, or a syntax error.
      if (found > indent) outside();
      const keyAt = this.pos;
      const key = this.blockKey();
      this.path.push(key);
      setKey(map, key, this.blockValue(indent, keyAt));
      this.path.pop();
    }
    return map;
  }

  private blockSeq(indent: number): unknown[] {
    const base = this.items.length;
    for (let found = indent; found >= indent; found = this.nextContentLine()) {
      if (found > indent || this.text.charCodeAt(this.pos) !== DASH || !isBlank(this.text.charCodeAt(this.pos + 1))) outside();
      this.pos++;
      this.path.push(this.items.length - base);
      this.items.push(this.blockValue(indent, null));
      this.path.pop();
    }
    return this.items.splice(base);
  }

  /** `key:` (plain or quoted, on one line), leaving the position after the colon. */
  private blockKey(): string {
    const start = this.pos;
    const code = this.text.charCodeAt(start);
    const key = code === DQUOTE || code === SQUOTE ? this.quoted() : this.plainKey(false);
    // YAML caps an implicit key at 1024 characters.
    if (this.pos - start > 1000) outside();
    this.skipSpaces();
    if (this.text.charCodeAt(this.pos) !== COLON || !isBlank(this.text.charCodeAt(this.pos + 1))) outside();
    this.pos++;
    return key;
  }

  /** What follows `key:` or `-`: a value ending its line, or a block on the lines below indented deeper than `indent`, or null. */
  private blockValue(indent: number, keyAt: number | null): unknown {
    const start = this.pos;
    this.skipSpaces();
    const code = this.text.charCodeAt(this.pos);
    if (code === NL || this.pos >= this.text.length || (code === HASH && this.pos > start)) {
      const emptyAt = this.pos;
      this.toNextLine(this.pos);
      const below = this.nextContentLine();
      if (below > indent) {
        this.spot(keyAt, this.pos, null);
        return this.block(below);
      }
      // As readYaml places it: `key:` with nothing after it at its key, an empty list item where its text would start.
      this.spot(keyAt, keyAt ?? emptyAt, null);
      return null;
    }
    const value = this.node(false, keyAt);
    this.endOfLine();
    return value;
  }

  /** A flow collection or a scalar on this line, at the position. */
  private node(inFlow: boolean, keyAt: number | null): unknown {
    const at = this.pos;
    const code = this.text.charCodeAt(at);
    if (code === LBRACE || code === LBRACKET) {
      this.spot(keyAt, at, null);
      return code === LBRACE ? this.flowMap() : this.flowSeq();
    }
    if (code === DQUOTE || code === SQUOTE) {
      const value = this.quoted();
      this.spot(keyAt, at, at + 1);
      return value;
    }
    const value = resolvePlain(this.plain(inFlow));
    this.spot(keyAt, at, typeof value === 'string' ? at : null);
    return value;
  }

  /**
   * Where the node at `path` was written, as readYaml() records it: `at` for
   * the value, `keyAt` for its key, `contentAt` where a string's characters
   * start. Only the positions reader keeps them.
   */
  protected spot(_keyAt: number | null, _at: number, _contentAt: number | null): void {}

  /** Nesting deep enough to exhaust the stack is no config; the full reader says what it makes of it. */
  private checkDepth(): void {
    if (this.path.length > 100) outside();
  }

  /** Only spaces and a comment may follow a value on its line; moves to the next line. */
  private endOfLine(): void {
    const start = this.pos;
    this.skipSpaces();
    const code = this.text.charCodeAt(this.pos);
    if (!(code === NL || this.pos >= this.text.length || (code === HASH && this.pos > start))) outside();
    this.toNextLine(this.pos);
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  /** `{ a: 1, b: [x, y] }` on one line; an entry without a value is left to readYaml. */
  private flowMap(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    if (this.flowStart(RBRACE)) return map;
    do {
      const keyAt = this.pos;
      const code = this.text.charCodeAt(keyAt);
      const key = code === DQUOTE || code === SQUOTE ? this.quoted() : this.plainKey(true);
      this.skipSpaces();
      if (this.text.charCodeAt(this.pos) !== COLON || this.text.charCodeAt(this.pos + 1) !== SPACE) outside();
      this.pos += 2;
      this.skipSpaces();
      this.path.push(key);
      setKey(map, key, this.node(true, keyAt));
      this.path.pop();
    } while (!this.flowEntryEnd(RBRACE));
    return map;
  }

  /** `[a, "b", {c: 1}]` on one line; empty entries and `[a: 1]` pairs are left to readYaml. */
  private flowSeq(): unknown[] {
    const base = this.items.length;
    if (this.flowStart(RBRACKET)) return [];
    do {
      this.path.push(this.items.length - base);
      this.items.push(this.node(true, null));
      this.path.pop();
    } while (!this.flowEntryEnd(RBRACKET));
    return this.items.splice(base);
  }

  /** Past the opening bracket; true when the collection closes right away. */
  private flowStart(close: number): boolean {
    this.checkDepth();
    this.pos++;
    this.skipSpaces();
    if (this.text.charCodeAt(this.pos) !== close) return false;
    this.pos++;
    return true;
  }

  /** After an entry: true at the closing bracket (a trailing comma allowed), false before the next entry. */
  private flowEntryEnd(close: number): boolean {
    this.skipSpaces();
    const code = this.text.charCodeAt(this.pos++);
    if (code === close) return true;
    if (code !== COMMA) outside();
    this.skipSpaces();
    if (this.text.charCodeAt(this.pos) !== close) return false;
    this.pos++;
    return true;
  }

  /** A plain key as readYaml names it: the resolved scalar as text (`1: x` is "1"); a null key is readYaml's to report. */
  private plainKey(inFlow: boolean): string {
    const value = resolvePlain(this.plain(inFlow));
    if (value === null) outside();
    return String(value);
  }

  /**
   * A plain scalar on this line, ended as yaml's lexer ends it: at `: ` (or `:` before a flow
   * indicator in a flow), at ` #`, at a flow indicator in a flow, or at the end of the line.
   * Trailing spaces are not part of it.
   */
  private plain(inFlow: boolean): string {
    const { text } = this;
    const start = this.pos;
    const first = text.charCodeAt(start);
    if (INDICATORS.has(first)) {
      const next = text.charCodeAt(start + 1);
      const mayStart = (first === DASH || first === QUESTION || first === COLON) && !isBlank(next) && !(inFlow && FLOW_INDICATORS.has(next));
      if (!mayStart) outside();
    }
    if (isBlank(first)) outside();
    let end = start;
    for (let p = start; p < text.length; p++) {
      const code = text.charCodeAt(p);
      if (code === NL) break;
      if (code === SPACE) {
        const next = text.charCodeAt(p + 1);
        if (next === HASH || (inFlow && FLOW_INDICATORS.has(next))) break;
        continue;
      }
      if (code === COLON) {
        const next = text.charCodeAt(p + 1);
        if (isBlank(next) || (inFlow && FLOW_INDICATORS.has(next))) break;
      } else if (inFlow && FLOW_INDICATORS.has(code)) break;
      end = p + 1;
    }
    this.pos = end;
    return text.slice(start, end);
  }

  /** A quoted scalar closed on the same line; a multi-line one, or \x \u \U escapes, are left to readYaml. */
  private quoted(): string {
    const { text } = this;
    const quote = text.charCodeAt(this.pos);
    let out = '';
    let from = this.pos + 1;
    let p = from;
    for (;;) {
      const code = text.charCodeAt(p);
      if (code === NL || p >= text.length) outside();
      if (code === quote) {
        if (quote === DQUOTE || text.charCodeAt(p + 1) !== SQUOTE) break;
        out += text.slice(from, p + 1);
        p += 2;
        from = p;
      } else if (code === BACKSLASH && quote === DQUOTE) {
        const escaped = ESCAPES.get(text.charAt(p + 1));
        if (escaped === undefined) outside();
        out += text.slice(from, p) + escaped;
        p += 2;
        from = p;
      } else {
        p++;
      }
    }
    this.pos = p + 1;
    return out + text.slice(from, p);
  }
}
