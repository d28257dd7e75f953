/**
 * `pat(...)` globs as Gatus has them: `*` is any run of characters (newlines
 * included, since bodies span lines), `?` is one character, the rest is literal.
 * Compiled once at load so evaluation is a single regex test.
 */
export function compileGlob(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
