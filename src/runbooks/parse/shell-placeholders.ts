import { CODE, DOUBLE, HEREDOC, SINGLE, scanShell } from './shell-scan.ts';
import { simpleCommands } from './shell-commands.ts';

/** One placeholder found in a script; `name` is the environment variable it reads. */
export interface PlaceholderUse {
  name: string;
  /** As written: `${NAMESPACE}`, `$NAMESPACE`, `<pod-name>`, `[environment]`, `$1`. */
  written: string;
  form: 'variable' | 'angle' | 'bracket' | 'positional';
  /** 1-based, within the script. */
  line: number;
  column: number;
}

export interface PlaceholderScan {
  /** The script with every non-shell placeholder turned into an environment reference. */
  script: string;
  uses: PlaceholderUse[];
}

/** Set by the shell or the login, never something a person running a runbook fills in. */
export const WELL_KNOWN = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'HOSTNAME',
  'HOSTTYPE', 'OSTYPE', 'UID', 'EUID', 'PPID', 'RANDOM', 'SECONDS', 'LINENO', 'BASH', 'BASH_VERSION', 'BASH_SOURCE', 'BASHPID',
  'FUNCNAME', 'IFS', 'OPTARG', 'OPTIND', 'REPLY', 'TMPDIR', 'TMP', 'EDITOR', 'VISUAL', 'PAGER', 'PS1', 'PS2', 'PS4', 'HISTFILE',
  'DISPLAY', 'MAIL', 'COLUMNS', 'LINES', 'PIPESTATUS', 'SHLVL', 'SSH_AUTH_SOCK', 'XDG_RUNTIME_DIR',
]);

const WORD = '[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*';
const PATTERN = new RegExp(
  [
    String.raw`\$\{([A-Z][A-Z0-9_]*)(?:[:]?[-=?+][^}]*)?\}`, // 1 ${NAME} ${NAME:-x}
    String.raw`\$([A-Z][A-Z0-9_]*)`, // 2 $NAME
    String.raw`\$\{?([1-9])\}?`, // 3 $1 ${1}
    `<(${WORD})>`, // 4 <pod-name>
    String.raw`\[(${WORD})\]`, // 5 [environment]
  ].join('|'),
  'g',
);
const EXPANDING = new Set([CODE, DOUBLE, HEREDOC]);
const WORD_EDGE = /[\s;&|()]/;

/**
 * Finds the placeholders in a shell script and rewrites the ones that are
 * not shell syntax (`<pod-name>`, `[environment]`, `$1`) into environment
 * references, quoted for where they stand, so a parameter value is only ever
 * an expansion the shell does not parse again: `; touch /tmp/x` stays text.
 * `$NAME` and `${NAME}` are shell syntax already and stay as written; they are
 * parameters only when ALL_CAPS, not set by the shell or login, and not
 * assigned earlier in the same script.
 */
export function scanPlaceholders(script: string): PlaceholderScan {
  const scan = scanShell(script);
  const assigned = assignments(script);
  const uses: PlaceholderUse[] = [];
  let out = '';
  let last = 0;
  for (const m of script.matchAll(PATTERN)) {
    const at = m.index;
    const written = m[0];
    const c = scan.ctx[at]!;
    if (!sameContext(scan.ctx, at, written.length)) continue;
    const { line, column } = position(script, at);
    const variable = m[1] ?? m[2];
    if (variable !== undefined) {
      if (!EXPANDING.has(c) || WELL_KNOWN.has(variable) || assignedBefore(assigned, variable, line)) continue;
      uses.push({ name: variable, written, form: 'variable', line, column });
      continue;
    }
    let name: string;
    let form: PlaceholderUse['form'];
    if (m[3] !== undefined) {
      if (!EXPANDING.has(c) || (written.startsWith('${') !== written.endsWith('}'))) continue;
      name = `ARG${m[3]}`;
      form = 'positional';
    } else {
      const word = (m[4] ?? m[5])!;
      if (m[5] !== undefined && !plausibleBracket(script, at, written, word)) continue;
      if (m[4] !== undefined && script[at - 1] === '<') continue;
      if (!EXPANDING.has(c) && c !== SINGLE) continue;
      name = word.toUpperCase().replaceAll('-', '_');
      // `echo "Usage: $0 <version>"` beside `VERSION=$1`: the text documents the script's own variable.
      if (assigned.has(name)) continue;
      form = m[4] !== undefined ? 'angle' : 'bracket';
    }
    uses.push({ name, written, form, line, column });
    out += script.slice(last, at) + reference(name, c, form === 'positional' ? false : standsAlone(script, at, written.length));
    last = at + written.length;
  }
  return { script: out + script.slice(last), uses };
}

function reference(name: string, c: number, alone: boolean): string {
  if (c === SINGLE) return `'"\${${name}}"'`;
  if (c === CODE && alone) return `"$${name}"`;
  if (c === CODE) return `"\${${name}}"`;
  return `\${${name}}`;
}

function standsAlone(script: string, at: number, length: number): boolean {
  const before = script[at - 1];
  const after = script[at + length];
  return (before === undefined || WORD_EDGE.test(before)) && (after === undefined || WORD_EDGE.test(after));
}

/** Not `arr[index]`, `${a[i]}`, a character class like `[a-z]`, or a Markdown link `[text](url)`. */
function plausibleBracket(script: string, at: number, written: string, word: string): boolean {
  const before = script[at - 1] ?? '';
  const after = script[at + written.length] ?? '';
  if (/[\w$[{]/.test(before) || after === '(' || after === ':') return false;
  return word.length >= 2 && !/^[a-z0-9]-[a-z0-9]$/.test(word);
}

function sameContext(ctx: Uint8Array, at: number, length: number): boolean {
  for (let k = at + 1; k < at + length; k++) if (ctx[k] !== ctx[at]) return false;
  return true;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

/** Names a script sets itself (NAME=, export NAME, read NAME, for NAME in), with the first line that sets each. */
function assignments(script: string): Map<string, number> {
  const found = new Map<string, number>();
  const note = (name: string, line: number) => {
    if (/^[A-Z_][A-Z0-9_]*$/.test(name) && !found.has(name)) found.set(name, line);
  };
  for (const command of simpleCommands(script)) {
    const [first, ...rest] = command.words;
    if (first === undefined) continue;
    let k = 0;
    while (k < command.words.length && /^[A-Za-z_]\w*\+?=/.test(command.words[k]!)) note(command.words[k++]!.split(/\+?=/)[0]!, command.line);
    if (['export', 'local', 'readonly', 'declare', 'typeset'].includes(first)) for (const w of rest) note(w.split('=')[0]!, command.line);
    if (first === 'read') for (const w of rest) note(w, command.line);
    if (first === 'for' && rest[0] !== undefined) note(rest[0], command.line);
  }
  return found;
}

function assignedBefore(assigned: Map<string, number>, name: string, line: number): boolean {
  const at = assigned.get(name);
  return at !== undefined && at <= line;
}
