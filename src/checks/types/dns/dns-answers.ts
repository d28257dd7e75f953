import type { Resolver } from 'node:dns/promises';

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Asks for one record type and flattens the answers to text, in the order the server gave them. */
export async function queryAsText(resolver: Resolver, name: string, type: RecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'TXT':
      // A TXT record arrives in 255-byte chunks that together form one string.
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}

/**
 * c-ares reports a server's negative answers as error codes. These are
 * observations (a check may well expect NXDOMAIN), not failures to observe.
 */
const RCODE_BY_ERROR: Record<string, string> = {
  ENODATA: 'NOERROR',
  ENOTFOUND: 'NXDOMAIN',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ENOTIMP: 'NOTIMP',
  EFORMERR: 'FORMERR',
};

export function rcodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? RCODE_BY_ERROR[code] : undefined;
}

/** Why no answer came at all, for the check's error. */
export function describeResolverError(error: unknown, server: string): string {
  switch ((error as { code?: unknown }).code) {
    case 'ETIMEOUT':
      return `no answer from ${server}`;
    case 'ECONNREFUSED':
      return `connection refused by ${server}`;
    case 'ECANCELLED':
      return 'aborted';
    case 'EBADRESP':
      return `malformed answer from ${server}`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
