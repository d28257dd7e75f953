import { z } from 'zod';
import { ROLES } from '../../auth/index.ts';
import type { Role } from '../../store/index.ts';
import { ApiError } from '../api-error.ts';
import { route } from '../route-def.ts';

const tokenView = (t: { id: number; name: string; role: Role; createdAt: number; lastUsedAt: number | null; revokedAt: number | null }) => ({
  id: t.id, name: t.name, role: t.role, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt,
});

export const adminRoutes = [
  route({
    method: 'GET', path: '/me', role: 'viewer', summary: 'Who the token belongs to',
    async handler({ principal }) {
      return { name: principal.name, role: principal.role };
    },
  }),
  route({
    method: 'GET', path: '/config/status', role: 'viewer', summary: 'Whether the last config (re)load succeeded, with its errors',
    async handler({ ctx }) {
      return ctx.configStatus();
    },
  }),
  route({
    method: 'GET', path: '/tokens', role: 'admin', summary: 'API tokens (never their secrets)',
    async handler({ ctx }) {
      return { items: (await ctx.store.tokens.list()).map(tokenView) };
    },
  }),
  route<{ name: string; role: Role }>({
    method: 'POST', path: '/tokens', role: 'admin', summary: 'Create a token; the secret is returned once',
    body: z.object({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES as unknown as ['viewer', 'responder', 'admin']) }).strict(),
    async handler({ ctx, principal, body }) {
      const { token, secret } = await ctx.tokens.create(body.name, body.role, `token:${principal.name}`);
      return { token: tokenView(token), secret };
    },
  }),
  route({
    method: 'DELETE', path: '/tokens/:id', role: 'admin', summary: 'Revoke a token',
    async handler({ ctx, principal, params }) {
      const revoked = await ctx.tokens.revoke(Number(params.id), `token:${principal.name}`);
      if (!revoked) throw new ApiError(404, `no active token ${params.id}`);
      return { revoked: true };
    },
  }),
];
