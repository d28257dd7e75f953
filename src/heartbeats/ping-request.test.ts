import { describe, expect, it } from 'vitest';
import { parsePing } from './ping-request.ts';

const RID = '3F2C6E0A-1B2D-4C5E-8F90-A1B2C3D4E5F6';

describe('parsePing', () => {
  it.each<[string | undefined, unknown, object]>([
    [undefined, undefined, { kind: 'success', exitStatus: null, rid: null }],
    ['start', RID, { kind: 'start', exitStatus: null, rid: RID.toLowerCase() }],
    ['fail', undefined, { kind: 'fail', exitStatus: null, rid: null }],
    ['log', undefined, { kind: 'log', exitStatus: null, rid: null }],
    ['0', undefined, { kind: 'success', exitStatus: 0, rid: null }],
    ['1', undefined, { kind: 'fail', exitStatus: 1, rid: null }],
    ['255', undefined, { kind: 'fail', exitStatus: 255, rid: null }],
  ])('%s (rid %s)', (action, rid, ping) => {
    expect(parsePing(action, rid)).toEqual({ ok: true, ping });
  });

  it.each<[string | undefined, unknown, string]>([
    ['256', undefined, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "256"'],
    ['-1', undefined, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "-1"'],
    ['abc', undefined, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "abc"'],
    ['1000', undefined, 'invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "1000"'],
    [undefined, 'not-a-uuid', 'invalid rid: expected a UUID like 3f2c6e0a-1b2d-4c5e-8f90-a1b2c3d4e5f6, found "not-a-uuid"'],
    ['start', ['a', 'b'], 'invalid rid: expected a UUID like 3f2c6e0a-1b2d-4c5e-8f90-a1b2c3d4e5f6, found ["a","b"]'],
  ])('refuses %s (rid %s)', (action, rid, message) => {
    expect(parsePing(action, rid)).toEqual({ ok: false, message });
  });
});
