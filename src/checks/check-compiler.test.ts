import { describe, expect, it } from 'vitest';
import { CheckDefinitionError, compileCheck } from './check-compiler.ts';
import { checkTypes, findCheckType } from './registry.ts';

function problemsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof CheckDefinitionError) return { message: error.message, problems: error.problems };
    throw error;
  }
  throw new Error('expected a CheckDefinitionError');
}

describe('compileCheck', () => {
  it('uses the type\'s default conditions when expect is empty, and default timings', () => {
    const check = compileCheck('db/ping', 'tcp', { host: '127.0.0.1', port: 5432 }, undefined);
    expect(check).toMatchObject({ id: 'db/ping', type: 'tcp', conditionTexts: ['[CONNECTED] == true'], timeoutMs: 10_000, intervalMs: 60_000 });
    expect(check.conditions).toHaveLength(1);
    expect(compileCheck('x/y', 'tcp', { host: 'h', port: 1 }, [], { timeoutMs: 5, intervalMs: 7 })).toMatchObject({ timeoutMs: 5, intervalMs: 7 });
  });

  it('reuses conditions the config loader parsed, in order, instead of parsing again', () => {
    const parsed = compileCheck('a/b', 'tcp', { host: '127.0.0.1', port: 1 }, ['[CONNECTED] == true', '[RESPONSE_TIME] < 5']).conditions;
    const reused = compileCheck('a/b', 'tcp', { host: '127.0.0.1', port: 1 }, ['[CONNECTED] == true', '[RESPONSE_TIME] < 5'], { preparsed: { conditions: parsed } });
    expect(reused.conditions[0]).toBe(parsed[0]);
    expect(reused.conditions[1]).toBe(parsed[1]);
    // A list that does not match the texts is not trusted: everything is parsed and validated again.
    const mismatched = compileCheck('a/b', 'tcp', { host: '127.0.0.1', port: 1 }, ['[CONNECTED] == true', '[RESPONSE_TIME] < 5'], { preparsed: { conditions: [parsed[0]!] } });
    expect(mismatched.conditions).toHaveLength(2);
    expect(mismatched.conditions[0]).not.toBe(parsed[0]);
  });

  it('names the known types when the type is unknown', () => {
    expect(problemsOf(() => compileCheck('x/y', 'ping', {}, []))).toEqual({
      message: 'x/y: ping: unknown check type "ping"; expected one of http, tcp, tls, dns, postgres, redis, mysql, command, prometheus',
      problems: [{ path: ['ping'], message: 'unknown check type "ping"; expected one of http, tcp, tls, dns, postgres, redis, mysql, command, prometheus' }],
    });
  });

  it('collects every config and condition problem with its place', () => {
    const result = problemsOf(() => compileCheck('api/health', 'tcp', { host: 'h', port: 0, tls: true }, ['[CONNECTED] == true', '[STATUS] == 200']));
    expect(result).toEqual({
      message:
        'api/health: tcp.port: Too small: expected number to be >=1; tcp: Unrecognized key: "tls"; ' +
        'expect.1 (column 0): unknown placeholder [STATUS]; expected one of [CONNECTED], [RESPONSE_TIME]',
      problems: [
        { path: ['tcp', 'port'], message: 'Too small: expected number to be >=1' },
        { path: ['tcp'], message: 'Unrecognized key: "tls"' },
        { path: ['expect', 1], message: 'unknown placeholder [STATUS]; expected one of [CONNECTED], [RESPONSE_TIME]', column: 0 },
      ],
    });
  });

  it('reports what the type\'s factory refuses, such as a missing secret', () => {
    delete process.env.OPSDECK_TEST_NO_SUCH_SECRET;
    expect(problemsOf(() => compileCheck('db/pg', 'postgres', { host: 'h', password_env: 'OPSDECK_TEST_NO_SUCH_SECRET' }, []))).toMatchObject({
      problems: [{ path: ['postgres'], message: 'environment variable OPSDECK_TEST_NO_SUCH_SECRET (password_env) is not set' }],
    });
  });
});

describe('registry', () => {
  it('holds every type under its own name, each with default conditions its placeholders allow', () => {
    expect([...checkTypes.keys()]).toEqual(['http', 'tcp', 'tls', 'dns', 'postgres', 'redis', 'mysql', 'command', 'prometheus']);
    for (const [name, type] of checkTypes) {
      expect(type.name).toBe(name);
      expect(findCheckType(name)).toBe(type);
    }
    expect(findCheckType('ping')).toBeUndefined();
  });
});
