import { z } from 'zod';

/**
 * Config fields the database-like types share: where to connect and how to
 * authenticate. Secrets may be named by environment variable instead of
 * written into config, which is the recommended way.
 */
export const portField = z.int().min(1).max(65535);

export const secretFields = {
  password: z.string().optional(),
  password_env: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name like DB_PASSWORD' })
    .optional(),
};

interface EndpointShape {
  url?: string | undefined;
  host?: string | undefined;
  password?: string | undefined;
  password_env?: string | undefined;
}

/** Cross-field rules: exactly one of url or host, and at most one way to give the password. */
export function checkEndpoint(value: EndpointShape, ctx: z.RefinementCtx): void {
  if (value.url === undefined && value.host === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected url or host', path: [] });
  }
  if (value.url !== undefined && value.host !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give either url or host, not both', path: ['host'] });
  }
  if (value.password !== undefined && value.password_env !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give either password or password_env, not both', path: ['password_env'] });
  }
}

/** Read once when the check is created, so a missing variable fails config load rather than every run. */
export function readSecret(value: EndpointShape): string | undefined {
  if (value.password_env === undefined) return value.password;
  const secret = process.env[value.password_env];
  if (secret === undefined) throw new Error(`environment variable ${value.password_env} (password_env) is not set`);
  return secret;
}

/** A URL field restricted to the schemes a type speaks, with a message that names them. */
export function urlField(schemes: readonly string[]) {
  const expected = schemes.map((s) => `${s}://`).join(' or ');
  return z.string().refine((text) => schemes.some((s) => text.startsWith(`${s}://`)) && URL.canParse(text), {
    error: `expected a URL starting with ${expected}`,
  });
}
