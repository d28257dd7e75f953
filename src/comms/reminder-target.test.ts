import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../incidents/index.ts';
import { commanderOf, policyContacts, reminderTarget } from './reminder-target.ts';

let id = 0;
const event = (kind: TimelineEvent['kind'], actor: string, data: Record<string, unknown> | null = null): TimelineEvent =>
  ({ id: ++id, incidentId: 1, at: id, kind, actor, message: '', data });
const users = new Set(['ana', 'ben']);
const isUser = (u: string) => users.has(u);

describe('commanderOf', () => {
  it.each<[string, TimelineEvent[], string | null]>([
    ['nobody took it', [event('opened', 'alert:api/down')], null],
    ['acknowledged by a token named like a user', [event('status', 'token:ana', { from: 'triggered', to: 'acknowledged' })], 'ana'],
    ['a first responder status counts as taking it', [event('status', 'token:ben', { from: 'triggered', to: 'investigating' })], 'ben'],
    ['a token that names no user makes no commander', [event('status', 'token:ci-bot', { from: 'triggered', to: 'acknowledged' })], null],
    ['later status changes by others keep the commander', [
      event('status', 'token:ana', { from: 'triggered', to: 'acknowledged' }), event('status', 'token:ben', { from: 'acknowledged', to: 'identified' }),
    ], 'ana'],
    ['a reassignment to a user hands it over', [
      event('status', 'token:ana', { from: 'triggered', to: 'acknowledged' }), event('escalation', 'token:ana', { user: 'ben', from: 'acknowledged' }),
    ], 'ben'],
    ['a reassignment to a policy hands it back to its on-call', [
      event('status', 'token:ana', { from: 'triggered', to: 'acknowledged' }), event('escalation', 'token:ana', { policy: 'db', from: 'acknowledged' }),
    ], null],
    ['the one who acknowledges after a reassignment takes it', [
      event('escalation', 'token:x', { policy: 'db', from: 'acknowledged' }), event('status', 'token:ben', { from: 'triggered', to: 'acknowledged' }),
    ], 'ben'],
    ['escalation steps (no user or policy) change nothing', [
      event('status', 'token:ana', { from: 'triggered', to: 'acknowledged' }), event('escalation', 'system', { level: 1 }),
    ], 'ana'],
  ])('%s', (_name, timeline, expected) => {
    expect(commanderOf(timeline, isUser)).toBe(expected);
  });
});

describe('reminderTarget', () => {
  const policy = {
    id: 'default', repeat: 0, repeatAfterMs: 0,
    levels: [
      { afterMs: 0, targets: [{ kind: 'channel' as const, id: 'ops-slack' }, { kind: 'schedule' as const, id: 'primary' }] },
      { afterMs: 900_000, targets: [{ kind: 'user' as const, id: 'lead' }] },
    ],
  };
  const contacts = policyContacts(policy);

  it('lists a policy\'s schedules and people in paging order, without channels', () => {
    expect(contacts).toEqual([{ kind: 'schedule', id: 'primary' }, { kind: 'user', id: 'lead' }]);
    expect(policyContacts(null)).toEqual([]);
  });

  it.each<[string, string | null, Map<string, string | null>, string | null, ReturnType<typeof reminderTarget>]>([
    ['the commander first', 'ana', new Map([['primary', 'ben']]), 'fallback', { kind: 'user', user: 'ana', why: 'commander' }],
    ['else whoever is on call for the first schedule', null, new Map([['primary', 'ben']]), 'fallback', { kind: 'user', user: 'ben', why: 'on call' }],
    ['an empty schedule passes to the next person the policy names', null, new Map([['primary', null]]), 'fallback', { kind: 'user', user: 'lead', why: 'on call' }],
  ])('%s', (_name, commander, onCall, fallback, expected) => {
    expect(reminderTarget({ commander, contacts, onCall, fallback })).toEqual(expected);
  });

  it.each<[string, string | null, ReturnType<typeof reminderTarget>]>([
    ['no policy: the fallback channel', 'ops-mail', { kind: 'channel', channel: 'ops-mail' }],
    ['no policy and no fallback: nobody', null, { kind: 'nobody' }],
  ])('%s', (_name, fallback, expected) => {
    expect(reminderTarget({ commander: null, contacts: [], onCall: new Map(), fallback })).toEqual(expected);
  });
});
