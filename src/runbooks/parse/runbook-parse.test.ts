import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from './runbook-parse.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/runbooks');
const fixture = (name: string) => parseRunbook(`runbooks/${name}`, readFileSync(path.join(FIXTURES, name), 'utf8'));

describe('parseRunbook: api-restart.md', () => {
  const { runbook, problems } = fixture('api-restart.md');

  it('has no problems', () => {
    expect(problems).toEqual([]);
  });

  it('takes title, roles, timeout, env and workdir from the front matter', () => {
    expect(runbook).toMatchObject({
      id: 'runbooks/api-restart.md',
      title: 'Restart the API',
      description: 'When the API stops answering.',
      roles: ['responder', 'admin'],
      timeoutMs: 20 * 60_000,
      env: { KUBECONFIG: '/etc/opsdeck/kubeconfig' },
      workdir: 'ops',
    });
  });

  it('makes headings sections with their level and line', () => {
    expect(runbook.sections).toEqual([
      { title: 'Restart the API', level: 1, line: 17 },
      { title: 'Look first', level: 2, line: 19 },
      { title: 'Restart', level: 2, line: 30 },
    ]);
  });

  it('declared parameters first, then placeholders; env names are not parameters', () => {
    expect(runbook.parameters).toEqual([
      { name: 'NAMESPACE', type: 'string', default: 'production', required: false, secret: false, allowed: ['production', 'staging'], description: 'Kubernetes namespace', origin: 'front-matter' },
      { name: 'TOKEN', type: 'string', default: null, required: true, secret: true, allowed: null, description: null, origin: 'front-matter' },
      { name: 'POD_NAME', type: 'string', default: null, required: true, secret: false, allowed: null, description: 'found as <pod-name> in step 1 (line 23)', origin: 'placeholder' },
      { name: 'ENVIRONMENT', type: 'string', default: null, required: true, secret: false, allowed: null, description: 'found as [environment] in step 7 (line 44)', origin: 'placeholder' },
    ]);
  });

  it('steps in document order with kind, language, risk and attributes', () => {
    const summary = runbook.steps.map((s) => [s.index, s.section, s.kind, s.lang, s.line, s.risk, s.riskReason, s.continueOnError, s.diagnostic, s.timeoutMs, s.interpreter]);
    expect(summary).toEqual([
      [0, 1, 'shell', 'bash', 21, 'readonly', 'marked {readonly}', false, true, 30_000, null],
      [1, 1, 'shown', 'sql', 26, 'mutating', 'SQL DELETE', false, false, null, null],
      [2, 2, 'manual', '', 32, 'readonly', null, false, false, null, null],
      [3, 2, 'manual', '', 33, 'readonly', null, false, false, null, null],
      [4, 2, 'shell', 'sh', 35, 'mutating', 'line 1: curl -X POST', true, false, null, null],
      [5, 2, 'shell', 'shell', 39, 'mutating', 'line 1: kubectl rollout', false, false, null, null],
      [6, 2, 'shell', 'bash', 43, 'readonly', 'marked {readonly}', false, false, null, null],
      [7, 2, 'shell', 'python', 47, 'mutating', 'python code: its effects are unknown; mark it {readonly} if it only reads', false, false, null, 'python3'],
      [8, 2, 'shown', '', 51, 'readonly', null, false, false, null, null],
    ]);
  });

  it('keeps the text as written and runs the rewritten script', () => {
    const first = runbook.steps[0]!;
    expect(first.text).toBe('kubectl get pods -n $NAMESPACE\nkubectl logs <pod-name> -n $NAMESPACE --tail=100');
    expect(first.script).toBe('kubectl get pods -n $NAMESPACE\nkubectl logs "$POD_NAME" -n $NAMESPACE --tail=100');
    expect(runbook.steps[6]!.script).toBe('./scripts/restart-api.sh "$ENVIRONMENT"');
  });

  it('takes task-list items as manual confirmations, ticked or not', () => {
    expect(runbook.steps.filter((s) => s.kind === 'manual').map((s) => s.text)).toEqual(['Tell #ops you are restarting the API', 'Check the status page']);
  });

  it('leaves shown blocks alone: no placeholders found, nothing rewritten', () => {
    const shown = runbook.steps[8]!;
    expect(shown.script).toBe(shown.text);
    expect(shown.text).toContain('<pod-name>');
  });
});

describe('parseRunbook: problems at file:line:col', () => {
  it('problems.md: every lint problem once, in file order', () => {
    expect(fixture('problems.md').problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '4:3: parameter UNUSED is declared but no step uses it; use it as $UNUSED or ${UNUSED} in a step, or remove it',
      '5:3: parameter REGION: default "mars" is not one of its allowed values: eu, us',
      '6:3: parameter COUNT: default "many" is not a number, but the type is number',
      '7:1: front matter: unknown key "colour"; expected one of title, description, parameters, roles, timeout, env, workdir',
      '12:1: step 1 is marked diagnostic but is mutating (line 1: kubectl delete); diagnostic steps run by themselves when an incident opens, so they must be read-only',
      '16:1: unknown step attribute "diagnostc"; expected mutating, readonly, continue_on_error, diagnostic, runnable, timeout=<duration>, interpreter=<program>',
      '20:1: unclosed fence: the ``` opened here has no closing fence, so the rest of the file is inside it',
    ]);
  });

  it('a fence with attributes it cannot read is shown, not run', () => {
    expect(fixture('problems.md').runbook.steps[1]).toMatchObject({ kind: 'shown', lang: 'bash' });
  });

  it('bad front matter YAML points into the file', () => {
    const { problems, runbook } = fixture('bad-front-matter.md');
    expect(problems).toEqual([{ line: 2, column: 17, message: 'front matter: YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]' }]);
    expect(runbook.title).toBe('Title');
  });

  it.each([
    ['---\ntitle: x\n# never closed', '1:1: front matter: the --- on line 1 has no closing --- line'],
    ['---\nroles: [root]\ntimeout: soon\n---\n', '2:9: front matter: roles: expected viewer, responder or admin, found "root"'],
    ['---\nparameters:\n  pod-name: {}\n---\n', '3:3: front matter: parameters: expected an environment variable name like NAMESPACE (A-Z, 0-9, _), found "pod-name"'],
    ['```bash {readonly mutating}\nls\n```\n', '1:1: a step is {mutating} or {readonly}, not both'],
    ['```bash {timeout=soon}\nls\n```\n', '1:1: timeout: expected a duration like 30s, 5m, 1h30m or 14d, found "soon"'],
    ['```python {runnable}\nprint(1)\n```\n', '1:1: a runnable python block needs an interpreter: {runnable interpreter=python}'],
    ['```bash {diagnostic}\nls\n```\n```sql {diagnostic}\nselect 1\n```\n', '4:1: step 2 is marked diagnostic but does not run (shown); only shell steps can be diagnostic'],
  ])('%s', (text, first) => {
    const { problems } = parseRunbook('x.md', text);
    expect(problems.map((p) => `${p.line}:${p.column}: ${p.message}`)[0]).toBe(first);
  });

  it('without front matter: title from the first heading, default roles and timeout', () => {
    const { runbook, problems } = parseRunbook('runbooks/x.md', '## Only a subheading\n\n```bash\nls\n```\n');
    expect(problems).toEqual([]);
    expect(runbook).toMatchObject({ title: 'Only a subheading', roles: ['responder', 'admin'], timeoutMs: 1_800_000, env: {}, workdir: null, parameters: [] });
    expect(runbook.steps[0]).toMatchObject({ section: 0, line: 3 });
  });

  it('steps before the first heading belong to no section', () => {
    expect(parseRunbook('x.md', '- [ ] first\n\n# Later\n').runbook.steps[0]).toMatchObject({ kind: 'manual', section: -1 });
  });

  it('reads setext headings, closing hashes, a byte-order mark and CRLF line ends', () => {
    const { runbook, problems } = parseRunbook('x.md', '\uFEFF---\r\ntitle: T\r\n---\r\nSetext\r\n======\r\n\r\n## Using C# ##\r\n\r\n```bash\r\nls\r\n```\r\n');
    expect(problems).toEqual([]);
    expect(runbook.title).toBe('T');
    expect(runbook.sections).toEqual([{ title: 'Setext', level: 1, line: 4 }, { title: 'Using C#', level: 2, line: 7 }]);
    expect(runbook.steps[0]).toMatchObject({ kind: 'shell', script: 'ls', line: 9 });
  });

  it('accepts the glued and comma forms of attributes', () => {
    const { runbook, problems } = parseRunbook('x.md', '```bash{readonly,continue_on_error}\nls\n```\n~~~sh {mutating}\nls\n~~~\n');
    expect(problems).toEqual([]);
    expect(runbook.steps.map((s) => [s.lang, s.risk, s.continueOnError])).toEqual([['bash', 'readonly', true], ['sh', 'mutating', false]]);
  });
});
