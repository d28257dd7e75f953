import type { z } from 'zod';
import { keyHints } from './schema-registry.ts';
import { suggestion } from './name-suggest.ts';
import { pathKey } from './source-map.ts';
import type { Problem } from './source-map.ts';
import { describeValue } from './value-describe.ts';

type RawIssue = z.core.$ZodRawIssue;

/**
 * Runs a schema and turns every zod issue into a Problem worded for a person
 * editing YAML. Schemas that know better word their own messages; this error
 * map covers the rest. Unknown keys are split into one problem per key, each
 * with the keys that were allowed there, which zod's final issue no longer
 * carries, so the error map notes them on the way out.
 * Custom issues (ctx.addIssue in a section schema) may pass
 * `params: { column }` to point inside a string value, or
 * `params: { target: 'key' }` to point at the key instead of its value.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown): { data: z.output<S> | null; problems: Problem[] } {
  const allowedAt = new Map<string, { keys: string[]; expected: string }>();
  const errorMap = (iss: RawIssue): string => {
    if (iss.code === 'unrecognized_keys') allowedAt.set(pathKey(treePath(iss.path ?? [])), allowedKeys(iss.inst));
    return genericMessage(iss);
  };
  const result = schema.safeParse(value, { reportInput: true, error: errorMap });
  if (result.success) return { data: result.data, problems: [] };

  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const path = treePath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedAt.get(pathKey(path)) ?? { keys: [], expected: '' };
      for (const key of issue.keys) {
        const hint = suggestion(key, allowed.keys);
        problems.push({ path: [...path, key], target: 'key', message: `unknown key "${key}"${hint}${allowed.expected ? `; ${allowed.expected}` : ''}` });
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined && path.length > 0) {
      // A missing key has no value to point at: point at the map that should hold it.
      problems.push({ path: path.slice(0, -1), target: 'value', message: `missing required key "${String(path.at(-1))}"` });
    } else if (issue.code === 'invalid_key') {
      problems.push({ path, target: 'key', message: issue.issues[0]?.message ?? issue.message });
    } else {
      const params = issue.code === 'custom' ? (issue.params as { column?: number; target?: 'key' } | undefined) : undefined;
      problems.push({ path, target: params?.target ?? 'value', message: issue.message, ...(params?.column === undefined ? {} : { column: params.column }) });
    }
  }
  return { data: null, problems };
}

function allowedKeys(inst: unknown): { keys: string[]; expected: string } {
  const schema = inst as z.ZodObject | undefined;
  const keys = Object.keys(schema?._zod.def.shape ?? {});
  const hint = schema ? keyHints.get(schema) : undefined;
  return { keys, expected: hint?.expected ?? (keys.length ? `expected one of ${keys.join(', ')}` : 'expected no keys here') };
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map',
  record: 'a map',
  map: 'a map',
  array: 'a list',
  tuple: 'a list',
};

function genericMessage(iss: RawIssue): string {
  const found = describeValue(iss.input);
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[iss.expected] ?? iss.expected}, found ${found}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? `expected non-empty text, found ${found}` : `expected at least ${iss.minimum} characters, found ${found}`;
      if (iss.origin === 'array' || iss.origin === 'set') return `expected at least ${iss.minimum} items, found ${(iss.input as unknown[]).length}`;
      return `expected a number ${iss.inclusive ? '>=' : '>'} ${iss.minimum}, found ${found}`;
    case 'too_big':
      if (iss.origin === 'string') return `expected at most ${iss.maximum} characters, found ${String(iss.input).length}`;
      if (iss.origin === 'array' || iss.origin === 'set') return `expected at most ${iss.maximum} items, found ${(iss.input as unknown[]).length}`;
      return `expected a number ${iss.inclusive ? '<=' : '<'} ${iss.maximum}, found ${found}`;
    case 'invalid_value':
      return `expected ${iss.values.length === 1 ? JSON.stringify(iss.values[0]) : `one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`}, found ${found}`;
    case 'invalid_format':
      return `expected ${formatWord(iss.format)}, found ${found}`;
    case 'not_multiple_of':
      return `expected a multiple of ${iss.divisor}, found ${found}`;
    case 'unrecognized_keys':
      return `unknown keys ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `unexpected value ${found}`;
  }
}

function formatWord(format: string): string {
  if (format === 'url') return 'a URL like https://example.com';
  if (format === 'email') return 'an email address';
  if (format === 'regex') return 'text in the expected format';
  return `a ${format}`;
}


/** zod allows symbol keys in paths; YAML cannot produce them. */
function treePath(path: readonly PropertyKey[]): (string | number)[] {
  return path.filter((step): step is string | number => typeof step !== 'symbol');
}
