import type { Role } from '../store/index.ts';

export const ROLES: readonly Role[] = ['viewer', 'responder', 'admin'];

/** Each role can do everything the ones before it can. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
