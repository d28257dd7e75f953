import { hashTokenSecret } from '../auth/index.ts';
import type { Config } from '../config/index.ts';
import type { IntegrationKeysStore } from '../store/index.ts';

type IntegrationDef = Config['integrations'][number];

export interface KeyLookupDeps {
  keys: Pick<IntegrationKeysStore, 'findByHash'>;
  integrations: () => readonly IntegrationDef[];
  /** Where `routing_key_env` keys are read (process.env in production). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Keys are kept and compared only as sha256 hex, like API tokens. */
export function hashRoutingKey(key: string): string {
  return hashTokenSecret(key);
}

/**
 * Which integration a routing key belongs to: a key made with `opsdeck integrations key create`
 * (stored hashed), else one named by an integration's `routing_key_env`. A stored key whose
 * integration has left the config belongs to nothing. Null: unknown or revoked.
 */
export async function integrationForKey(deps: KeyLookupDeps, key: string): Promise<IntegrationDef | null> {
  if (key === '') return null;
  const hash = hashRoutingKey(key);
  const integrations = deps.integrations();
  const stored = await deps.keys.findByHash(hash);
  if (stored) return integrations.find((i) => i.id === stored.integration) ?? null;
  for (const integration of integrations) {
    const fromEnv = integration.keyEnv === null ? undefined : deps.env[integration.keyEnv];
    // Compared as hashes, so the time taken says nothing about how much of the key was right.
    if (fromEnv !== undefined && fromEnv !== '' && hashRoutingKey(fromEnv) === hash) return integration;
  }
  return null;
}
