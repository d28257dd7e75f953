import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs } from './support/api.ts';
import { BIN } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';

const RUNBOOK = `---
title: Rotate
parameters:
  NAMESPACE: { required: true }
  KEY: { secret: true, required: true }
---
# Check

\`\`\`bash
echo "in $NAMESPACE with $KEY"
\`\`\`

- [ ] Tell the team

\`\`\`bash {mutating}
echo rotated
\`\`\`
`;

/** The opsdeck command as a person runs it, with what they type on its stdin. */
function opsdeck(args: string[], env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('opsdeck runbook run', () => {
  let app: Opsdeck;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dir = configDir({ 'opsdeck.yaml': 'organization: CLI\nseverities:\n  P1: { name: Critical }\n' });
    mkdirSync(path.join(dir, 'runbooks'));
    writeFileSync(path.join(dir, 'runbooks/rotate.md'), RUNBOOK);
    writeFileSync(path.join(dir, 'runbooks/fails.md'), '# Fail\n\n```bash\necho before; exit 4\n```\n\n```bash\necho never\n```\n');
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    const token = (await apiAs(app.url, app.bootstrapSecret)('POST', '/tokens', { name: 'ana', role: 'responder' })).body.secret;
    env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: token };
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('prints each step and its output live, ticks the manual item with a note, asks before the mutating step, and exits 0', async () => {
    const result = await opsdeck(['runbook', 'run', 'runbooks/rotate.md', '-p', 'NAMESPACE=prod', '--param', 'KEY=k-123-secret'], env, 'told them\ny\n');
    expect(result.stderr).toContain('☐ step 2/3: Tell the team');
    expect(result.stderr).toContain('! step 3/3 is mutating (marked {mutating}):\n    echo rotated\n  Run it? [y/N] ');
    expect(result.stdout).toContain('▶ step 1/3 echo "in $NAMESPACE with $KEY"\nin prod with ••••\n✓ step 1/3 succeeded (exit 0)');
    expect(result.stdout).toContain('▶ step 3/3 [mutating] echo rotated\nrotated\n✓ step 3/3 succeeded (exit 0)');
    expect(result.stdout).toMatch(/run #\d+ succeeded\n$/);
    expect(result.stdout + result.stderr).not.toContain('k-123-secret');
    expect(result.code).toBe(0);
    const runs = await app.store.runbookRuns.list({ limit: 1, offset: 0 });
    expect((await app.store.runbookRuns.steps(runs.items[0]!.id))[1]).toMatchObject({ status: 'succeeded', note: 'told them' });
  });

  it('cancels when the mutating step is not confirmed, and exits 1', async () => {
    const result = await opsdeck(['runbook', 'run', 'runbooks/rotate.md', '-p', 'NAMESPACE=prod', '-p', 'KEY=x'], env, 'y\nn\n');
    expect(result.stdout).not.toContain('rotated');
    expect(result.stdout).toMatch(/run #\d+ cancelled\n$/);
    expect(result.code).toBe(1);
  });

  it('exits 1 when a step fails, after showing its exit code', async () => {
    const result = await opsdeck(['runbook', 'run', 'runbooks/fails.md'], env, '');
    expect(result.stdout).toContain('before\n✗ step 1/2 failed (exit 4)');
    expect(result.stdout).toMatch(/run #\d+ failed\n$/);
    expect(result.code).toBe(1);
  });

  it('a dry run prints the commands with their parameters and runs nothing; --yes is refused for a responder', async () => {
    const dry = await opsdeck(['runbook', 'run', 'runbooks/rotate.md', '-p', 'NAMESPACE=prod', '-p', 'KEY=s', '--dry-run'], env, '');
    expect(dry.stdout).toContain('(dry run: nothing runs)');
    expect(dry.stdout).toContain('echo "in prod with ••••"\n');
    expect(dry.stdout).toContain('[manual] Tell the team');
    expect(dry.code).toBe(0);
    const yes = await opsdeck(['runbook', 'run', 'runbooks/rotate.md', '-p', 'NAMESPACE=prod', '-p', 'KEY=s', '--yes'], env, '');
    expect(yes.stderr).toContain('opsdeck: 403: "yes" confirms every mutating step up front and is for admins');
    expect(yes.code).toBe(1);
  });
});
