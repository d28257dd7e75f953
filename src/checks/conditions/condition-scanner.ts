/** Thrown inside the parser only; parseCondition turns it into a positioned result. */
export class ConditionSyntaxError extends Error {
  readonly column: number;

  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

const SPACE = /\s/;

/** A cursor over one condition's text that knows how to describe what it is looking at. */
export class ConditionScanner {
  readonly text: string;
  pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && SPACE.test(this.text[this.pos]!)) this.pos++;
  }

  /** Advances over characters matching `test` and returns them. */
  take(test: (ch: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.text.length && test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** `"xyz"` for the word at `at`, or `end of condition`: the "found" half of every message. */
  describeAt(at = this.pos): string {
    if (at >= this.text.length) return 'end of condition';
    let end = at;
    while (end < this.text.length && !SPACE.test(this.text[end]!)) end++;
    return JSON.stringify(this.text.slice(at, Math.max(end, at + 1)));
  }

  fail(message: string, column = this.pos): never {
    throw new ConditionSyntaxError(message, column);
  }
}
