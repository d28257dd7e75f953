import type { z } from 'zod';

/**
 * What a probe observed, keyed by placeholder name without brackets:
 * STATUS, RESPONSE_TIME (ms), BODY (string), CONNECTED (boolean),
 * CERTIFICATE_EXPIRATION (ms until expiry), IP, DNS_RCODE, EXIT_CODE, OUTPUT...
 * Conditions read these; a type documents which ones it sets.
 */
export type ProbeValues = Record<string, unknown>;

export interface ProbeOutcome {
  values: ProbeValues;
  /** Set when the probe could not observe at all (refused, timed out, bad credentials): the check fails with this reason. */
  error?: string;
}

export interface ProbeContext {
  timeoutMs: number;
  /** Aborted when the timeout passes or the engine stops; probes must release sockets on abort. */
  signal: AbortSignal;
}

export type Probe = (ctx: ProbeContext) => Promise<ProbeOutcome>;

/**
 * A check type is one folder under src/checks/types/ exporting one of these,
 * plus one line in src/checks/registry.ts.
 */
export interface CheckType<C = unknown> {
  /** The key under a check in YAML: `health: { http: {...}, every: 30s }`. */
  name: string;
  /** Validates the type's own block; strict (unknown keys are errors). */
  schema: z.ZodType<C>;
  /** Conditions used when the check gives no `expect`. */
  defaultExpect: string[];
  /** Placeholders this type sets, for error messages that list what is available. */
  placeholders: string[];
  /** Called once at config load; the returned probe runs on every tick. */
  create(config: C): Probe;
}
