import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRunbook, RunbookRunner } from '../src/runbooks/index.ts';
import { testDialects, useTestStore } from '../src/store/store-test-dialects.ts';
import { FakeClock } from '../src/time/index.ts';
import { configOf, ended } from './runbook-run-support.ts';

// Acceptance 3: a parameter value reaches the command as text, whatever placeholder form the
// runbook used and whatever the value tries: real Markdown through the parser, real bash through
// the runner, and a file that must not appear.
const FORMS = [
  { form: '${NAME}', line: 'echo ${TARGET}', quoted: 'echo "${TARGET}"' },
  { form: '$NAME', line: 'echo $TARGET', quoted: 'echo "$TARGET"' },
  { form: '<name>', line: 'echo <target-name>', quoted: 'echo "<target-name>"' },
  { form: '[name]', line: 'echo [target-name]', quoted: 'echo "[target-name]"' },
  { form: '$1', line: 'echo $1', quoted: 'echo "$1"' },
];
const ATTACKS = [(file: string) => `; touch ${file}`, (file: string) => `$(touch ${file})`, (file: string) => `\`touch ${file}\``, (file: string) => `' && touch ${file} && echo '`];

describe('parameters reach commands literally, for every placeholder form', () => {
  const sqlite = testDialects.find((d) => d.name === 'sqlite')!;
  const t = useTestStore(sqlite);
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  for (const { form, line, quoted } of FORMS) {
    for (const [n, attack] of ATTACKS.entries()) {
      it(`${form} with attack ${n + 1}`, async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-inject-'));
        dirs.push(dir);
        const file = path.join(dir, 'x');
        const value = attack(file);
        const markdown = `---\ntitle: Injection ${form}\n---\n# Echo\n\n\`\`\`bash\n${line}\n\`\`\`\n\n\`\`\`bash\n${quoted}\n\`\`\`\n`;
        const parsed = parseRunbook('runbooks/inject.md', markdown);
        expect(parsed.problems).toEqual([]);
        const found = parsed.runbook.parameters.map((p) => p.name);
        expect(found).toHaveLength(1);
        // The script that runs holds a reference, never the value.
        for (const step of parsed.runbook.steps) expect(step.script).not.toContain('touch');

        const runner = new RunbookRunner({ store: t.store, clock: new FakeClock(), config: configOf([parsed.runbook], dir) });
        const run = await runner.start({ runbook: 'runbooks/inject.md', params: { [found[0]!]: value } }, { name: 'token:ana', role: 'responder' });
        const { run: done, steps } = await ended(runner, run.id);
        expect(done.status).toBe('succeeded');
        // Unquoted, the shell may split the value into words, and echo joins them with one space: the text is the same.
        expect(steps.map((s) => s.output)).toEqual([`${value}\n`, `${value}\n`]);
        expect(existsSync(file)).toBe(false);
      });
    }
  }
});
