import { isScalar, parseDocument } from 'yaml';
import type { ScalarTag } from 'yaml';
import { YAML_OPTIONS } from './yaml-read.ts';

/** The characters and rules of YAML that the subset reader (yaml-subset-read.ts) needs. */

/** Thrown (preallocated, so leaving the subset costs no stack trace) when a text needs the full reader. */
export const OUTSIDE = new Error('outside the YAML subset');
export function outside(): never {
  throw OUTSIDE;
}

/** Tabs, carriage returns, byte order marks, control characters and document markers have rules of their own. */
export function hasOutsideCharacters(text: string): boolean {
  return OUTSIDE_CHARS.test(text) || DOCUMENT_MARKERS.test(text);
}

const OUTSIDE_CHARS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
const DOCUMENT_MARKERS = /^(?:---|\.\.\.|%)/m;

export const NL = 10;
export const SPACE = 32;
export const HASH = 35;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const COMMA = 44;
export const DASH = 45;
export const COLON = 58;
export const QUESTION = 63;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;

/** Characters a plain scalar may not start with (`-`, `?` and `:` may, when a non-space follows). */
export const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));
export const FLOW_INDICATORS = new Set([COMMA, LBRACKET, RBRACKET, LBRACE, RBRACE]);

/** The escapes of yaml's double-quoted scalars, less \x \u \U. */
export const ESCAPES = new Map(Object.entries({ '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\' }));

/** The core schema's implicit tags (null, bool, int, float), taken from the library so a plain scalar resolves exactly as it does there. */
const IMPLICIT_TAGS = (parseDocument('', YAML_OPTIONS).schema.tags as ScalarTag[]).filter((tag) => tag.default === true && tag.test);

/** `30s` stays text, `200` is a number, `true` a boolean, `~` null. */
export function resolvePlain(source: string): unknown {
  for (const tag of IMPLICIT_TAGS) {
    if (!tag.test!.test(source)) continue;
    const resolved = tag.resolve(source, outside, YAML_OPTIONS);
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return source;
}

/** Space, end of line or end of text (charCodeAt past the end is NaN). */
export function isBlank(code: number): boolean {
  return code === SPACE || code === NL || Number.isNaN(code);
}

/** Like assignment, but a key named __proto__ stays data (as in readYaml); a duplicate key is readYaml's to report. */
export function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) outside();
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
