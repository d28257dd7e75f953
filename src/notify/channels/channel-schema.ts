import { z } from 'zod';

/**
 * `slack: https://...` as shorthand for `slack: { url: https://... }`. Done as a preprocess rather
 * than a union so a mistake gets the object schema's precise message ("expected a URL like ...")
 * instead of a union's "no option matched".
 */
export function withShorthand<T extends z.ZodType>(key: string, schema: T) {
  return z.preprocess((value) => (typeof value === 'string' ? { [key]: value } : value), schema);
}

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable, like OPS_WEBHOOK_SECRET');

/** Object error for a channel block given as something else entirely (a number, a list). */
export function blockError(expected: string) {
  return (issue: { code: string; input?: unknown }): string | undefined =>
    issue.code === 'invalid_type' ? `expected ${expected}, found ${Array.isArray(issue.input) ? 'a list' : typeof issue.input}` : undefined;
}

/** Reads a secret named by config at send time; a missing one is a config problem retries cannot fix. */
export function readSecret(env: Readonly<Record<string, string | undefined>>, name: string, what: string): { value: string } | { reason: string } {
  const value = env[name];
  if (value === undefined || value === '') return { reason: `environment variable ${name} (${what}) is not set; set it and restart Opsdeck` };
  return { value };
}
