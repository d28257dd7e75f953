import { parseDuration } from '../../time/index.ts';

/** What a fence's info string asks for: ```bash {readonly diagnostic timeout=30s} */
export interface FenceInfo {
  lang: string;
  mutating: boolean;
  readonly: boolean;
  continueOnError: boolean;
  diagnostic: boolean;
  runnable: boolean;
  interpreter: string | null;
  timeoutMs: number | null;
}

export type FenceInfoParse = { ok: true; info: FenceInfo } | { ok: false; message: string };

const FLAGS = { mutating: 'mutating', readonly: 'readonly', continue_on_error: 'continueOnError', diagnostic: 'diagnostic', runnable: 'runnable' } as const;
const KNOWN = 'mutating, readonly, continue_on_error, diagnostic, runnable, timeout=<duration>, interpreter=<program>';

/**
 * One syntax: the language, then one `{...}` of words separated by spaces or
 * commas. A word is a flag; `timeout=` and `interpreter=` take a value.
 * Anything else is a problem, so a typo like {readonly diagnostc} is caught
 * at load instead of silently running a step nobody meant to run.
 */
export function parseFenceInfo(lang: string | null | undefined, meta: string | null | undefined): FenceInfoParse {
  const info: FenceInfo = { lang: (lang ?? '').toLowerCase(), mutating: false, readonly: false, continueOnError: false, diagnostic: false, runnable: false, interpreter: null, timeoutMs: null };
  let rest = (meta ?? '').trim();
  // `bash{readonly}` has no space: remark puts it all in lang.
  const glued = /^([^{\s]*)(\{.*)$/.exec(info.lang);
  if (glued) {
    info.lang = glued[1]!;
    rest = `${glued[2]} ${rest}`.trim();
  }
  if (rest === '') return { ok: true, info };
  const braces = /^\{([^}]*)\}$/.exec(rest);
  if (!braces) return { ok: false, message: `expected step attributes in one {...} after the language, like {readonly diagnostic timeout=30s}, found "${rest}"` };
  for (const word of braces[1]!.split(/[\s,]+/).filter((w) => w !== '')) {
    const [key, value] = word.split('=', 2) as [string, string | undefined];
    const flag = FLAGS[key as keyof typeof FLAGS];
    if (flag && value === undefined) info[flag] = true;
    else if (key === 'timeout' && value !== undefined) {
      const parsed = parseDuration(value);
      if (!parsed.ok) return { ok: false, message: `timeout: ${parsed.message}` };
      info.timeoutMs = parsed.ms;
    } else if (key === 'interpreter' && value) {
      info.interpreter = value;
      info.runnable = true;
    } else return { ok: false, message: `unknown step attribute "${word}"; expected ${KNOWN}` };
  }
  if (info.mutating && info.readonly) return { ok: false, message: 'a step is {mutating} or {readonly}, not both' };
  return { ok: true, info };
}
