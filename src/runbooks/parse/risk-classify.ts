import { simpleCommands } from './shell-commands.ts';
import type { SimpleCommand } from './shell-commands.ts';
import { commandRisk, sqlVerb } from './risk-rules.ts';

export interface RiskVerdict {
  risk: 'readonly' | 'mutating';
  /** The command that made it mutating, as a person would recognise it. */
  reason: string | null;
}

const READONLY: RiskVerdict = { risk: 'readonly', reason: null };
const HARMLESS_TARGETS = /^(\/dev\/(null|stdout|stderr|tty)|&?\d)$/;

/**
 * A shell step is mutating when any of its commands is: the first one found
 * is the reason. Heuristic by design (a list of known verbs, files written by
 * redirection, scripts whose names say they change things); an explicit
 * {readonly} or {mutating} on the fence wins over it.
 */
export function classifyShell(script: string): RiskVerdict {
  for (const command of simpleCommands(script)) {
    const reason = commandReason(command);
    if (reason) return { risk: 'mutating', reason: `line ${command.line}: ${reason}` };
  }
  return READONLY;
}

/** SQL shown or run by an interpreter: mutating when a statement changes data or schema. */
export function classifySql(sql: string): RiskVerdict {
  const verb = sqlVerb(sql);
  return verb ? { risk: 'mutating', reason: `SQL ${verb}` } : READONLY;
}

function commandReason(command: SimpleCommand): string | null {
  const written = command.writes.find((target) => !HARMLESS_TARGETS.test(target));
  const words = stripPrefixes(command.words);
  // What is fed to `kubectl exec pod -- psql < dump.sql` reaches the inner psql, so nested commands see the outer redirects.
  const io = { reads: command.reads, heredocs: command.heredocs };
  const nested = (inner: string[] | string): string | null => {
    if (typeof inner === 'string') return classifyShell(inner).reason?.replace(/^line \d+: /, '') ?? null;
    const stripped = stripPrefixes(inner);
    return stripped.length > 0 ? commandRisk(stripped, io, nested) : null;
  };
  const found = words.length > 0 ? commandRisk(words, io, nested) : null;
  if (found) return found;
  if (written !== undefined) return `writes ${written} (${'>'} redirect)`;
  return null;
}

/** Looks past what only changes how a command runs: `sudo -u x`, `FOO=1`, `env`, `time`, `nohup`, `if`, `!`. */
export function stripPrefixes(words: string[]): string[] {
  let k = 0;
  while (k < words.length) {
    const w = words[k]!;
    if (/^[A-Za-z_]\w*\+?=/.test(w) || ['time', 'nohup', 'exec', 'command', 'builtin', '!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', '}', 'nice', 'ionice', 'stdbuf'].includes(w)) k++;
    else if (w === 'sudo' || w === 'env' || w === 'timeout' || w === 'watch') {
      k++;
      while (k < words.length && (words[k]!.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[k]!) || (w === 'timeout' && /^\d/.test(words[k]!)))) {
        if (w === 'sudo' && ['-u', '-g', '-C', '-D'].includes(words[k]!)) k++;
        k++;
      }
    } else break;
  }
  return words.slice(k);
}

export { READONLY };
