import { describe, expect, it } from 'vitest';
import type { StatusPageDef } from '../config/index.ts';
import { decideAccess, type AccessRequest } from './page-access.ts';

const page = (access: 'public' | 'private'): StatusPageDef => ({
  id: 'p', title: 'T', path: '/status/internal', access, description: null, logo: null, colors: {}, links: [], groups: [],
});
const none: AccessRequest = { path: '/status/internal/incidents/4', authorization: undefined, cookie: undefined, queryToken: null, secure: false };
const valid = async (secret: string) => secret === 'good';

describe('decideAccess', () => {
  const table: [string, 'public' | 'private', Partial<AccessRequest>, unknown][] = [
    ['a public page, no credentials', 'public', {}, { kind: 'allow' }],
    ['a public page ignores a bad token', 'public', { authorization: 'Bearer bad' }, { kind: 'allow' }],
    ['private, nothing sent', 'private', {}, { kind: 'deny', reason: 'this status page is private' }],
    ['private, good Bearer', 'private', { authorization: 'Bearer good' }, { kind: 'allow' }],
    ['private, bad Bearer (a good cookie does not rescue it)', 'private', { authorization: 'Bearer bad', cookie: 'opsdeck_status=good' }, { kind: 'deny', reason: 'unknown or revoked token' }],
    ['private, good cookie among others', 'private', { cookie: 'a=1; opsdeck_status=good; b=2' }, { kind: 'allow' }],
    ['private, stale cookie', 'private', { cookie: 'opsdeck_status=old' }, { kind: 'deny', reason: 'the saved sign-in is no longer valid' }],
    ['private, bad ?token=', 'private', { queryToken: 'bad' }, { kind: 'deny', reason: 'unknown or revoked token' }],
    ['private, good ?token= becomes a cookie and a redirect to the same path', 'private', { queryToken: 'good' },
      { kind: 'remember', location: '/status/internal/incidents/4', setCookie: 'opsdeck_status=good; Path=/status/internal; Max-Age=43200; HttpOnly; SameSite=Lax' }],
    ['private, good ?token= over https: Secure too', 'private', { queryToken: 'good', secure: true },
      { kind: 'remember', location: '/status/internal/incidents/4', setCookie: 'opsdeck_status=good; Path=/status/internal; Max-Age=43200; HttpOnly; SameSite=Lax; Secure' }],
  ];
  it.each(table)('%s', async (_name, access, request, expected) => {
    expect(await decideAccess(page(access), { ...none, ...request }, valid)).toEqual(expected);
  });
});
