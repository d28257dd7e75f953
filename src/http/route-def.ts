import type { z } from 'zod';
import type { Principal } from '../auth/index.ts';
import type { Role } from '../store/index.ts';
import type { ApiContext } from './api-context.ts';

export interface RouteInput<B, Q> {
  ctx: ApiContext;
  principal: Principal;
  params: Record<string, string>;
  body: B;
  query: Q;
}

/**
 * One API route, declared once: the server registers it with auth and
 * validation, and the OpenAPI document is generated from the same list.
 */
export interface RouteDef<B = unknown, Q = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under /api/v1, Fastify style: /incidents/:id */
  path: string;
  role: Role;
  summary: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** What the audit log keeps of the body (default: all of it); a route whose body carries secrets masks them here. */
  auditBody?(body: B): unknown;
  handler(input: RouteInput<B, Q>): Promise<unknown>;
}

/** An answer sent as it is with its own content type (a Markdown export) instead of as JSON. */
export class RawAnswer {
  readonly contentType: string;
  readonly body: string;
  constructor(contentType: string, body: string) {
    this.contentType = contentType;
    this.body = body;
  }
}

/** Keeps each route's body and query types while collecting them into one list. */
export function route<B = undefined, Q = undefined>(def: RouteDef<B, Q>): RouteDef<unknown, unknown> {
  return def as unknown as RouteDef<unknown, unknown>;
}
