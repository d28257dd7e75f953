import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkTypes, parseCondition, placeholdersFor } from '../checks/index.ts';
import type { CheckType } from '../checks/index.ts';
import { loadConfigWith } from './config-load.ts';
import type { CheckCatalog } from './check-catalog.ts';
import { formatConfigError, loadConfig } from './index.ts';

/** Cases a fixture folder cannot express: absolute paths, a made-up check type, files on disk changing. */
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsdeck-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, text: string) => {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), text);
};
const messages = async (catalog?: CheckCatalog) => {
  const loaded = catalog ? await loadConfigWith(dir, catalog) : await loadConfig(dir);
  return loaded.ok ? [] : loaded.errors.map(formatConfigError);
};

describe('loadConfig', () => {
  it('says where it looked when there is no opsdeck.yaml', async () => {
    const loaded = await loadConfig(dir);
    expect(loaded).toEqual({
      ok: false,
      files: ['opsdeck.yaml'],
      errors: [{ file: 'opsdeck.yaml', line: 1, column: 1, path: '', message: `no opsdeck.yaml in ${dir}; create one with at least "organization: <your organization>"` }],
    });
  });

  it('lists every file it read, also when loading fails, so a watcher knows them', async () => {
    await write('opsdeck.yaml', 'organization: X\ninclude: ["*.yaml", services/*.yaml]\nbogus: 1\n');
    await write('a.yaml', 'services: {}\n');
    await write('services/b.yaml', 'services: {}\n');
    await write('services/.b.yaml.swp', 'not yaml at all: [');
    const loaded = await loadConfig(dir);
    // opsdeck.yaml matches *.yaml but is read once; dot files never match a glob.
    expect(loaded.files).toEqual(['opsdeck.yaml', 'a.yaml', 'services/b.yaml']);
    expect(loaded.ok).toBe(false);
  });

  it('accepts a glob that matches nothing, so an empty services/ folder is a valid start', async () => {
    await write('opsdeck.yaml', 'organization: X\ninclude: [services/*.yaml]\n');
    await mkdir(path.join(dir, 'services'));
    expect(await messages()).toEqual([]);
  });

  it('resolves YAML aliases, and points errors inside them at the anchor', async () => {
    await write(
      'opsdeck.yaml',
      [
        'organization: X',
        'services:',
        '  api:',
        '    checks:',
        '      a: { http: &target { url: "http://127.0.0.1/", verify: false } }',
        '      b: { http: *target, every: 1m }',
      ].join('\n'),
    );
    expect(await messages()).toEqual([
      'opsdeck.yaml:5:54: services.api.checks.a.http.verify: unknown key "verify"; expected one of url, method, headers, body, follow_redirects, verify_tls',
      'opsdeck.yaml:5:54: services.api.checks.b.http.verify: unknown key "verify"; expected one of url, method, headers, body, follow_redirects, verify_tls',
    ]);
  });

  it('points at the start of a multi-line string, where columns inside it would not line up', async () => {
    await write('opsdeck.yaml', 'organization: X\nservices:\n  api:\n    checks:\n      a:\n        tcp: { host: h, port: 1 }\n        expect:\n          - >-\n            [CONNECTED]\n            = true\n');
    expect(await messages()).toEqual(['opsdeck.yaml:8:13: services.api.checks.a.expect[0]: expected an operator (==, !=, <, <=, >, >=) after [CONNECTED], found "="']);
  });
});

describe('a check type the loader has never heard of', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ping: CheckType<any> = {
    name: 'ping',
    schema: z.strictObject({ host: z.string() }),
    defaultExpect: ['[CONNECTED] == true'],
    placeholders: ['CONNECTED'],
    create: () => async () => ({ values: { CONNECTED: true } }),
  };
  const catalog: CheckCatalog = { types: new Map([['ping', ping]]), placeholdersFor: (type) => type.placeholders, parseCondition };

  it('is accepted through the catalog alone, with its schema, defaults and placeholders', async () => {
    await write('opsdeck.yaml', 'organization: X\nservices:\n  lan:\n    checks:\n      router: { ping: { host: 192.168.1.1 } }\n');
    const loaded = await loadConfigWith(dir, catalog);
    expect(loaded.ok && loaded.config.services[0]!.checks[0]).toMatchObject({ id: 'lan/router', type: 'ping', typeConfig: { host: '192.168.1.1' }, expect: ['[CONNECTED] == true'] });
  });

  it('has its placeholders and key list in the messages', async () => {
    await write('opsdeck.yaml', 'organization: X\nservices:\n  lan:\n    checks:\n      router: { ping: { host: h }, http: {}, expect: ["[STATUS] == 200"] }\n');
    expect(await messages(catalog)).toEqual([
      'opsdeck.yaml:5:36: services.lan.checks.router.http: unknown key "http"; expected one of every, timeout, expect or a check type (ping)',
      'opsdeck.yaml:5:56: services.lan.checks.router.expect[0]: unknown placeholder [STATUS]; expected one of [CONNECTED]',
    ]);
  });
});

describe('conditions', () => {
  it('are parsed once per check type and text, and checks that write the same one share it', async () => {
    const parsed: string[] = [];
    const counting: CheckCatalog = {
      types: checkTypes,
      placeholdersFor,
      parseCondition: (text, known) => {
        parsed.push(text);
        return parseCondition(text, known);
      },
    };
    await write(
      'opsdeck.yaml',
      [
        'organization: X',
        'services:',
        '  api:',
        '    checks:',
        '      a: { http: { url: "http://127.0.0.1/a" }, expect: ["[STATUS] == 200"] }',
        '      b: { http: { url: "http://127.0.0.1/b" }, expect: ["[STATUS] == 200", "[RESPONSE_TIME] < 500"] }',
        '      c: { http: { url: "http://127.0.0.1/c" } }',
        '      d: { http: { url: "http://127.0.0.1/d" } }',
        '      e: { tcp: { host: h, port: 1 }, expect: ["[RESPONSE_TIME] < 500"] }',
      ].join('\n'),
    );
    const loaded = await loadConfigWith(dir, counting);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    // The tcp check's "[RESPONSE_TIME] < 500" is its own: which placeholders are known depends on the type.
    expect(parsed.sort()).toEqual(['[RESPONSE_TIME] < 500', '[RESPONSE_TIME] < 500', '[STATUS] < 400', '[STATUS] == 200']);
    const [a, b, c, d] = loaded.config.services[0]!.checks;
    expect(b!.conditions[0]).toBe(a!.conditions[0]);
    expect(d!.conditions[0]).toBe(c!.conditions[0]);
    expect(c!.conditions.map((condition) => condition.text)).toEqual(['[STATUS] < 400']);
  });
});
