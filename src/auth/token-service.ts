import type { Role, Store, TokenRecord } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { hashTokenSecret, newTokenSecret } from './token-secret.ts';

export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

export class TokenService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
  }

  async create(name: string, role: Role, actor: string): Promise<{ token: TokenRecord; secret: string }> {
    const secret = newTokenSecret();
    const token = await this.store.tokens.create({ name, role, hash: hashTokenSecret(secret), createdAt: this.clock.now() });
    await this.store.audit.append({ at: this.clock.now(), actor, action: 'token.create', target: `token:${token.id}`, data: { name, role } });
    return { token, secret };
  }

  async revoke(id: number, actor: string): Promise<boolean> {
    const revoked = await this.store.tokens.revoke(id, this.clock.now());
    if (revoked) await this.store.audit.append({ at: this.clock.now(), actor, action: 'token.revoke', target: `token:${id}`, data: null });
    return revoked;
  }

  /** The principal for a presented secret, or null for an unknown or revoked one. */
  async authenticate(secret: string): Promise<Principal | null> {
    const token = await this.store.tokens.findByHash(hashTokenSecret(secret));
    if (!token || token.revokedAt !== null) return null;
    return { tokenId: token.id, name: token.name, role: token.role };
  }
}
