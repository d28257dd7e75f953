/**
 * Just enough of a shell lexer to tell, for every character of a script,
 * whether the shell reads it as code, inside quotes, in a comment or in a
 * here-document. Placeholder rewriting and risk classification both need
 * that: `$1` inside `awk '{print $1}'` is not a positional parameter, and
 * `<pod-name>` in a comment is not a placeholder.
 */
export const CODE = 0;
export const SINGLE = 1;
export const DOUBLE = 2;
export const COMMENT = 3;
/** A here-document whose delimiter is unquoted: expanded like double quotes. */
export const HEREDOC = 4;
/** A here-document with a quoted delimiter (<<'EOF'): taken literally. */
export const HEREDOC_LITERAL = 5;
/** The character after a backslash: literal, never an operator. */
export const ESCAPED = 6;

export interface HereDoc {
  /** Offset of the `<<` that opened it. */
  opAt: number;
  body: string;
}

export interface ShellScan {
  text: string;
  ctx: Uint8Array;
  heredocs: HereDoc[];
}

type Frame = { mode: 'code' | 'single' | 'double' | 'backtick'; parens: number };

const WORD_START_BEFORE = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')']);

export function scanShell(text: string): ShellScan {
  const ctx = new Uint8Array(text.length);
  const heredocs: HereDoc[] = [];
  const stack: Frame[] = [{ mode: 'code', parens: 0 }];
  let pending: { delimiter: string; strip: boolean; literal: boolean; opAt: number }[] = [];
  let i = 0;
  const set = (from: number, to: number, value: number) => ctx.fill(value, from, Math.min(to, text.length));
  const skipBraces = (value: number) => {
    // ${NAME...}: one unit in the surrounding context, so its `}` or `:-` never read as operators.
    const close = text.indexOf('}', i + 2);
    const end = close === -1 ? text.length : close + 1;
    set(i, end, value);
    i = end;
  };

  while (i < text.length) {
    const frame = stack[stack.length - 1]!;
    const ch = text[i]!;
    const next = text[i + 1];
    if (frame.mode === 'single') {
      ctx[i] = ch === "'" ? CODE : SINGLE;
      if (ch === "'") stack.pop();
      i++;
      continue;
    }
    if (frame.mode === 'double') {
      if (ch === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
        ctx[i] = DOUBLE;
        ctx[i + 1] = ESCAPED;
        i += 2;
      } else if (ch === '"') {
        ctx[i++] = CODE;
        stack.pop();
      } else if (ch === '$' && next === '{') skipBraces(DOUBLE);
      else if (ch === '$' && next === '(') {
        set(i, i + 2, CODE);
        i += 2;
        stack.push({ mode: 'code', parens: 0 });
      } else if (ch === '`') {
        ctx[i++] = CODE;
        stack.push({ mode: 'backtick', parens: 0 });
      } else ctx[i++] = DOUBLE;
      continue;
    }
    // code or backtick
    if (ch === '\\') {
      ctx[i] = CODE;
      if (next !== undefined) ctx[i + 1] = ESCAPED;
      i += 2;
    } else if (ch === "'") {
      ctx[i++] = CODE;
      stack.push({ mode: 'single', parens: 0 });
    } else if (ch === '"') {
      ctx[i++] = CODE;
      stack.push({ mode: 'double', parens: 0 });
    } else if (ch === '`') {
      ctx[i++] = CODE;
      if (frame.mode === 'backtick') stack.pop();
      else stack.push({ mode: 'backtick', parens: 0 });
    } else if (ch === '#' && (i === 0 || WORD_START_BEFORE.has(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      set(i, end === -1 ? text.length : end, COMMENT);
      i = end === -1 ? text.length : end;
    } else if (ch === '$' && next === '{') skipBraces(CODE);
    else if (ch === '$' && next === '(') {
      set(i, i + 2, CODE);
      i += 2;
      stack.push({ mode: 'code', parens: 0 });
    } else if (ch === '(') {
      frame.parens++;
      ctx[i++] = CODE;
    } else if (ch === ')') {
      if (frame.parens > 0) frame.parens--;
      else if (stack.length > 1) stack.pop();
      ctx[i++] = CODE;
    } else if (ch === '<' && next === '<' && text[i + 2] !== '<') {
      const m = /^<<(-?)[ \t]*(?:'([^']+)'|"([^"]+)"|\\?([A-Za-z_][\w-]*))/.exec(text.slice(i));
      if (m) pending.push({ strip: m[1] === '-', delimiter: (m[2] ?? m[3] ?? m[4])!, literal: m[4] === undefined || m[0].includes('\\'), opAt: i });
      const length = m ? m[0].length : 2;
      set(i, i + length, CODE);
      i += length;
    } else if (ch === '\n' && pending.length > 0) {
      ctx[i++] = CODE;
      for (const doc of pending) i = readHereDoc(text, i, doc, ctx, heredocs);
      pending = [];
    } else ctx[i++] = CODE;
  }
  return { text, ctx, heredocs };
}

function readHereDoc(text: string, at: number, doc: { delimiter: string; strip: boolean; literal: boolean; opAt: number }, ctx: Uint8Array, out: HereDoc[]): number {
  let lineStart = at;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    if ((doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter) {
      ctx.fill(doc.literal ? HEREDOC_LITERAL : HEREDOC, at, lineEnd);
      out.push({ opAt: doc.opAt, body: text.slice(at, lineStart) });
      return lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  ctx.fill(doc.literal ? HEREDOC_LITERAL : HEREDOC, at, text.length);
  out.push({ opAt: doc.opAt, body: text.slice(at) });
  return text.length;
}
