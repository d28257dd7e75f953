import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig } from '../src/config/index.ts';
import { opsdeck } from './support/cli.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/runbooks');
const work = mkdtempSync(path.join(tmpdir(), 'opsdeck-runbook-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('opsdeck runbook lint', () => {
  it('prints the plan and exits 0 for a runbook without problems', async () => {
    const file = path.join(FIXTURES, 'api-restart.md');
    const { code, stdout, stderr } = await opsdeck(['runbook', 'lint', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${file}: Restart the API\n  roles: responder, admin; timeout 20m; workdir ops\nsections:\n  # Restart the API (line 17)\n  ## Look first (line 19)\n  ## Restart (line 30)\nsteps:\n`);
    expect(stdout).toContain('  1. line 21: shell bash readonly (marked {readonly}) {diagnostic timeout=30s} in "Look first"\n');
    expect(stdout).toContain('  5. line 35: shell sh mutating (line 1: curl -X POST) {continue_on_error} in "Restart"\n');
    expect(stdout).toContain('  3. line 32: manual in "Restart"\n     [ ] Tell #ops you are restarting the API\n');
    expect(stdout).toContain('  9. line 51: shown (no language) in "Restart"\n');
    expect(stdout).toContain('  NAMESPACE: declared (string, optional, default "production", allowed production|staging) - Kubernetes namespace\n');
    expect(stdout).toContain('  POD_NAME: placeholder (string, required) - found as <pod-name> in step 1 (line 23)\n');
    expect(stdout).toMatch(/problems:\n {2}none\n$/);
  });

  it('lists each problem as file:line:col and exits 1', async () => {
    const file = path.join(FIXTURES, 'problems.md');
    const { code, stdout, stderr } = await opsdeck(['runbook', 'lint', file]);
    expect(code).toBe(1);
    expect(stderr).toBe(`7 problems in ${file}\n`);
    expect(stdout.split('problems:\n')[1]!.trimEnd().split('\n')).toEqual([
      `  ${file}:4:3: parameter UNUSED is declared but no step uses it; use it as $UNUSED or \${UNUSED} in a step, or remove it`,
      `  ${file}:5:3: parameter REGION: default "mars" is not one of its allowed values: eu, us`,
      `  ${file}:6:3: parameter COUNT: default "many" is not a number, but the type is number`,
      `  ${file}:7:1: front matter: unknown key "colour"; expected one of title, description, parameters, roles, timeout, env, workdir`,
      `  ${file}:12:1: step 1 is marked diagnostic but is mutating (line 1: kubectl delete); diagnostic steps run by themselves when an incident opens, so they must be read-only`,
      `  ${file}:16:1: unknown step attribute "diagnostc"; expected mutating, readonly, continue_on_error, diagnostic, runnable, timeout=<duration>, interpreter=<program>`,
      `  ${file}:20:1: unclosed fence: the \`\`\` opened here has no closing fence, so the rest of the file is inside it`,
    ]);
  });

  it('says when a file cannot be read', async () => {
    const { code, stderr } = await opsdeck(['runbook', 'lint', path.join(FIXTURES, 'nope.md')]);
    expect(code).toBe(1);
    expect(stderr).toContain('nope.md: ENOENT');
  });
});

describe('the config loader parses runbooks', () => {
  const dir = path.join(FIXTURES, 'config');

  it('reports problems in runbook files as config errors at file:line:col, after the config files', async () => {
    const loaded = await loadConfig(dir);
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? [] : loaded.errors.map(formatConfigError)).toEqual([
      'docs/api-down.md:3:1: step 1 is marked diagnostic but is mutating (line 1: kubectl rollout); diagnostic steps run by themselves when an incident opens, so they must be read-only',
      'runbooks/nightly.md:4:3: parameter ENV: default "prod" is not one of its allowed values: staging, production',
    ]);
  });

  it('fills Config.runbooks from runbooks/ and every file an alert rule or routine names', async () => {
    const copy = path.join(work, 'config');
    cpSync(dir, copy, { recursive: true });
    writeFileSync(path.join(copy, 'docs/api-down.md'), '# API down\n\n```bash {diagnostic}\nkubectl get pods\n```\n');
    writeFileSync(path.join(copy, 'runbooks/nightly.md'), '---\nparameters:\n  ENV: { default: production, allowed: [staging, production] }\n---\n\n```bash {readonly}\necho "$ENV"\n```\n');
    const loaded = await loadConfig(copy);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatConfigError).join('\n'));
    const { runbooks } = loaded.config;
    expect(runbooks.map((r) => [r.id, r.title])).toEqual([['docs/api-down.md', 'API down'], ['runbooks/fine.md', 'Fine'], ['runbooks/nightly.md', 'nightly']]);
    expect(runbooks[0]!.steps[0]).toMatchObject({ kind: 'shell', diagnostic: true, risk: 'readonly' });
    expect(runbooks[1]!.parameters.map((p) => [p.name, p.origin])).toEqual([['NAMESPACE', 'placeholder']]);
    expect(runbooks[1]!.steps[0]!.script).toBe('kubectl get pods -n "$NAMESPACE"');
  });
});
