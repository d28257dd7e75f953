import { describe, expect, it } from 'vitest';
import type { RunbookParamDef } from '../../config/index.ts';
import { positionalArgs, renderForDisplay, resolveParams } from './run-params.ts';

const param = (name: string, over: Partial<RunbookParamDef> = {}): RunbookParamDef => ({
  name, type: 'string', default: null, required: false, secret: false, allowed: null, description: null, origin: 'front-matter', ...over,
});

describe('resolving a run\'s parameters', () => {
  it('takes given values, then defaults, then empty for optional ones; masks secrets in what is shown', () => {
    expect(resolveParams([param('NS', { default: 'prod' }), param('POD'), param('PW', { secret: true }), param('N', { type: 'number' })], { PW: 'hunter2', N: 3 })).toEqual({
      ok: true, values: { NS: 'prod', POD: '', PW: 'hunter2', N: '3' }, shown: { NS: 'prod', POD: '', PW: '••••', N: '3' }, secrets: ['hunter2'],
    });
  });

  it.each([
    [[param('NS', { required: true, description: 'the namespace' })], {}, 'params.NS', 'parameter NS is required (the namespace)'],
    [[param('NS', { required: true })], { NS: '' }, 'params.NS', 'parameter NS is required'],
    [[param('N', { type: 'number' })], { N: '3x' }, 'params.N', 'parameter N expects a number, found "3x"'],
    [[param('B', { type: 'boolean' })], { B: 'yes' }, 'params.B', 'parameter B expects true or false, found "yes"'],
    [[param('E', { allowed: ['a', 'b'] })], { E: 'c' }, 'params.E', 'parameter E must be one of a, b; found "c"'],
    [[param('S', { secret: true, allowed: ['a'] })], { S: 'zz' }, 'params.S', 'parameter S must be one of a; found a value not shown (secret)'],
    [[], { X: '1' }, 'params.X', 'unknown parameter X; it takes none'],
  ])('refuses %j with %j', (defs, given, field, message) => {
    expect(resolveParams(defs, given)).toEqual({ ok: false, field, message });
  });

  it('passes ARG1.. as positional arguments in order', () => {
    expect(positionalArgs({ ARG2: 'b', NS: 'x', ARG1: 'a', ARG4: 'd' })).toEqual(['a', 'b', '', 'd']);
  });

  it('shows a dry run\'s commands with values in place of references, others left alone', () => {
    expect(renderForDisplay('kubectl -n "$NS" get ${POD} $1 $HOME ${NS:-x} $NSX', { NS: 'prod', POD: 'api-1', ARG1: 'one' })).toBe('kubectl -n "prod" get api-1 one $HOME ${NS:-x} $NSX');
  });
});
