export { capabilityKey, newTokenSecret, hashTokenSecret } from './token-secret.ts';
export { ROLES, roleAllows, isRole } from './roles.ts';
export { TokenService } from './token-service.ts';
export type { Principal } from './token-service.ts';
