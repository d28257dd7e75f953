import { CODE, COMMENT, ESCAPED, HEREDOC, HEREDOC_LITERAL, scanShell } from './shell-scan.ts';
import type { ShellScan } from './shell-scan.ts';

/** One simple command as the shell would see it, quotes removed: what risk rules look at. */
export interface SimpleCommand {
  words: string[];
  /** Files written (`> f`, `>> f`) or read (`< f`), as written. */
  writes: string[];
  reads: string[];
  /** The bodies of here-documents fed to it. */
  heredocs: string[];
  /** 1-based line within the script. */
  line: number;
}

const SEPARATORS = new Set([';', '|', '\n', '(', ')', '`']);

/**
 * Splits a script on ; && || | & newlines and ( ) into simple commands.
 * `$(...)` bodies come out as commands of their own, which is what a risk
 * check wants: `X=$(kubectl delete pod p)` deletes a pod.
 */
export function simpleCommands(script: string | ShellScan): SimpleCommand[] {
  const scan = typeof script === 'string' ? scanShell(script) : script;
  const { text, ctx } = scan;
  const commands: SimpleCommand[] = [];
  let words: { value: string; at: number; raw: string }[] = [];
  let word: { value: string; at: number; raw: string } | null = null;
  let line = 1;
  let commandLine = 1;
  let commandStart = 0;

  const endWord = () => {
    if (word) words.push(word);
    word = null;
  };
  const endCommand = (at: number) => {
    endWord();
    if (words.length > 0) commands.push(build(words, commandLine, scan, commandStart, at));
    words = [];
    commandStart = at;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const c = ctx[i]!;
    if (ch === '\n') line++;
    if (c === COMMENT || c === HEREDOC || c === HEREDOC_LITERAL) {
      endWord();
      continue;
    }
    const code = c === CODE;
    const isAmpersand = code && ch === '&' && !'<>'.includes(text[i - 1] ?? '') && text[i + 1] !== '>';
    if (code && (SEPARATORS.has(ch) || isAmpersand)) {
      endCommand(i + 1);
      continue;
    }
    if ((code && (ch === ' ' || ch === '\t')) || (c === ESCAPED && ch === '\n') || (code && ch === '\\' && text[i + 1] === '\n')) {
      endWord();
      continue;
    }
    if (!word) {
      if (words.length === 0) commandLine = line;
      word = { value: '', at: i, raw: '' };
    }
    word.raw += ch;
    if (code && (ch === '"' || ch === "'" || ch === '\\')) continue;
    word.value += ch;
  }
  endCommand(text.length);
  return commands;
}

const REDIRECT = /^(\d*|&)(>>?|<)(&?)(.*)$/;

function build(all: { value: string; at: number; raw: string }[], line: number, scan: ShellScan, from: number, to: number): SimpleCommand {
  const words: string[] = [];
  const writes: string[] = [];
  const reads: string[] = [];
  for (let k = 0; k < all.length; k++) {
    const w = all[k]!;
    const m = REDIRECT.exec(w.raw);
    if (!m || w.raw.startsWith('<<')) {
      if (!w.raw.startsWith('<<')) words.push(w.value);
      continue;
    }
    let target = m[4]!;
    if (target === '' && !m[3]) target = all[++k]?.value ?? '';
    if (m[3]) continue; // 2>&1: a copy of a descriptor, not a file
    (m[2] === '<' ? reads : writes).push(target);
  }
  const heredocs = scan.heredocs.filter((doc) => doc.opAt >= from && doc.opAt < to).map((doc) => doc.body);
  return { words, writes, reads, heredocs, line };
}
