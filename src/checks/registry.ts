import type { CheckType } from './check-type.ts';
import { commandCheck } from './types/command/index.ts';
import { dnsCheck } from './types/dns/index.ts';
import { httpCheck } from './types/http/index.ts';
import { mysqlCheck } from './types/mysql/index.ts';
import { postgresCheck } from './types/postgres/index.ts';
import { prometheusCheck } from './types/prometheus/index.ts';
import { redisCheck } from './types/redis/index.ts';
import { tcpCheck } from './types/tcp/index.ts';
import { tlsCheck } from './types/tls/index.ts';

// Each type's config is its own; callers go through the type's schema, so `any` stops at this map.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCheckType = CheckType<any>;

/** Every check type by the key it has under a check in YAML. Adding a type is one folder and one entry here. */
export const checkTypes: ReadonlyMap<string, AnyCheckType> = new Map(
  [httpCheck, tcpCheck, tlsCheck, dnsCheck, postgresCheck, redisCheck, mysqlCheck, commandCheck, prometheusCheck].map((type) => [type.name, type]),
);

export function findCheckType(name: string): AnyCheckType | undefined {
  return checkTypes.get(name);
}

/** What conditions of a type may name: its own placeholders, plus RESPONSE_TIME, which the runner always sets. */
export function placeholdersFor(type: AnyCheckType): string[] {
  return type.placeholders.includes('RESPONSE_TIME') ? [...type.placeholders] : [...type.placeholders, 'RESPONSE_TIME'];
}
