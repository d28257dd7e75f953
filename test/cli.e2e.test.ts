import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/config');

describe('the opsdeck command', () => {
  it('validate prints all five mistakes with file:line:col and exits 1', async () => {
    const { code, stderr } = await opsdeck(['validate', path.join(FIXTURES, 'five-mistakes')]);
    expect(code).toBe(1);
    const expected = readFileSync(path.join(FIXTURES, 'five-mistakes/expected.txt'), 'utf8').trim().split('\n');
    expect(expected).toHaveLength(5);
    expect(stderr.trim().split('\n')).toEqual([...expected, '5 problems in ' + path.join(FIXTURES, 'five-mistakes')]);
  });

  it('validate accepts the bundled examples', async () => {
    for (const example of ['quickstart', 'accelerapp']) {
      const { code, stdout } = await opsdeck(['validate', path.resolve(import.meta.dirname, '../examples', example)]);
      expect(code, example).toBe(0);
      expect(stdout).toMatch(/^ok: \d+ services, \d+ checks, \d+ alert rules, 4 severities/);
    }
  });

  describe('against a running server', () => {
    let target: HttpTarget;
    let server: ServerProcess;
    let dir: string;

    beforeAll(async () => {
      target = await startHttpTarget(503);
      dir = configDir({
        'opsdeck.yaml': `
organization: CLI
${SEVERITIES}
services:
  web:
    checks:
      health: { http: { url: "${target.url}/health" }, every: 1s, timeout: 500ms, expect: ["[STATUS] == 200", "[BODY].status == UP"] }
    alerts:
      down: { when: "health failing", severity: P2 }
`,
      });
      server = await startServerProcess(dir, await freePort());
    });
    afterAll(async () => {
      server?.child.kill('SIGTERM');
      await target?.close();
    });

    it('check run prints each condition with its resolved value', async () => {
      const failing = await opsdeck(['check', 'run', 'web/health', '-c', dir]);
      expect(failing.code).toBe(1);
      expect(failing.stdout).toMatch(/^FAIL web\/health \(http\) in \d+ms\n  FAIL \[STATUS\] \(503\) == 200\n  FAIL \[BODY\]\.status \(DOWN\) == UP\n$/);
      target.setStatus(200);
      const passing = await opsdeck(['check', 'run', 'web/health', '-c', dir]);
      expect(passing.code).toBe(0);
      expect(passing.stdout).toContain('ok   [STATUS] (200) == 200');
      target.setStatus(503);
      const unknown = await opsdeck(['check', 'run', 'web/nope', '-c', dir]);
      expect(unknown).toMatchObject({ code: 1, stderr: 'no check "web/nope"; expected one of: web/health\n' });
    });

    it('creates tokens and lists, acknowledges, notes and resolves incidents through the API', async () => {
      const created = await opsdeck(['tokens', 'create', '--role', 'responder', '--name', 'ana', '-c', dir]);
      expect(created.code).toBe(0);
      const env = { OPSDECK_URL: server.url, OPSDECK_TOKEN: created.stdout.trim() };
      expect((await opsdeck(['tokens', 'create', '--role', 'root', '-c', dir])).stderr).toContain('--role: expected viewer, responder or admin, found "root"');

      const listed = await waitFor('an incident in the list', async () => {
        const out = await opsdeck(['incidents', 'list'], env);
        return out.stdout.includes('web: down firing') ? out : null;
      });
      expect(listed.stdout).toMatch(/^#1\s+P2\s+triggered/m);
      expect((await opsdeck(['incidents', 'ack', '1'], env)).stdout).toMatch(/^#1 \[P2\] acknowledged/);
      expect((await opsdeck(['incidents', 'note', '1', 'rolled', 'back'], env)).stdout).toBe('note added to #1\n');
      expect((await opsdeck(['incidents', 'ack', '1'], env))).toMatchObject({ code: 1, stderr: 'opsdeck: 409: incident 1 is already acknowledged\n' });
      expect((await opsdeck(['incidents', 'resolve', '1'], env)).stdout).toMatch(/^#1 \[P2\] resolved/);
      const shown = await opsdeck(['incidents', 'show', '1'], env);
      expect(shown.stdout).toMatch(/note\s+token:ana: rolled back/);
      expect(shown.stdout).toMatch(/status\s+token:ana: Resolved/);

      const viewer = (await opsdeck(['tokens', 'create', '--role', 'viewer', '-c', dir])).stdout.trim();
      expect(await opsdeck(['incidents', 'ack', '1'], { ...env, OPSDECK_TOKEN: viewer })).toMatchObject({ code: 1 });
      const list = await opsdeck(['tokens', 'list', '-c', dir]);
      expect(list.stdout).toMatch(/responder\s+active\s+ana/);
    });
  });
});
