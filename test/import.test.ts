import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { parseRunbook, scanPlaceholders } from '../src/runbooks/index.ts';
import { opsdeck } from './support/cli.ts';

/**
 * Acceptance 1: each procedures document imports through the real CLI; every
 * generated runbook passes `opsdeck runbook lint`, declares each placeholder
 * its steps use, the import prints what it mapped and what it could not, and
 * the directory passes `opsdeck validate`.
 */
const PROCEDURES = path.resolve(import.meta.dirname, 'fixtures/procedures');
const documents = readdirSync(PROCEDURES).filter((f) => f.endsWith('.md')).sort();
const work = mkdtempSync(path.join(tmpdir(), 'opsdeck-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What each document must at least yield: placeholders as parameters, and the mapping the issue names. */
const EXPECTED: Record<string, { runbookParams: Record<string, string[]>; mapped: string[]; unmapped: string[] }> = {
  'accelerapp-procedures.md': {
    runbookParams: { 'service-wont-start.md': ['POD_NAME'], 'p1-critical-incident-response.md': ['FAILING_POD'], 'deployment-command.md': ['ARG1'], 'vulnerability-response.md': ['PACKAGE', 'VERSION'] },
    mapped: [
      'routine daily-checklist <- "Daily Checklist" (line 27): daily at 09:00 on weekdays, checklist of 7 items',
      'routine security-checklist-monthly <- "Security Checklist" (line 514): every first Mon 10:00, checklist of 3 items',
      'severity P2 <- table line 121: respond within 1h',
      'check imported/http-api-accelerapp-io <- line 193: curl https://api.accelerapp.io/health -> http check expecting [STATUS] == 200',
    ],
    unmapped: ['line 84: python block in "Log Review Procedure" (line 82): not imported (only shell blocks and checklists make runbooks)'],
  },
  'ai-orchestrator-procedures.md': {
    runbookParams: {},
    mapped: [
      'routine weekly-operations <- "Weekly Operations (Monday 10:00 AM)" (line 36): every Mon 10:00, checklist of 10 items',
      'routine daily-performance-review <- "Daily Performance Review" (line 234): daily at 09:00 on weekdays, runs runbooks/daily-performance-review.md (all its steps are read-only)',
      'routine monthly-operations <- "Monthly Operations (First Monday)" (line 62): every first Mon 10:00, checklist of 9 items',
    ],
    unmapped: ['line 21: pg_isready runs inside a pod (kubectl exec); the server cannot reach it there; stays a runbook step', 'no severity table (P1..P4 with response times) found: wrote P1..P4 without response targets'],
  },
  'devonn-platform-procedures.md': {
    runbookParams: { 'deployment-procedures.md': ['ENVIRONMENT', 'AFFECTED_RESOURCE'], 'cluster-management.md': ['NODE_NAME', 'POD_NAME', 'NAMESPACE'], 'performance-monitoring.md': ['DB_HOST', 'DB_USER', 'DB_NAME'] },
    mapped: ['severity P1 <- table line 246: respond within 15m', 'runbook runbooks/pre-maintenance-checklist.md <- "Pre-Maintenance Checklist" (line 302): 0 shell steps (0 mutating), 5 manual'],
    unmapped: ['line 296: table in "Scheduled Maintenance Windows" (line 294) is not a severity table; not imported'],
  },
};

describe.each(documents)('opsdeck import %s', (document) => {
  const out = path.join(work, document.replace(/\.md$/, ''));
  const imported = opsdeck(['import', path.join(PROCEDURES, document), '--out', out]);
  const runbookFiles = async () => {
    await imported;
    return readdirSync(path.join(out, 'runbooks')).sort();
  };

  it('imports and prints a mapped/unmapped summary', async () => {
    const { code, stdout, stderr } = await imported;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote \d+ files to /);
    expect(stdout).toMatch(/\nmapped \(\d+\):\n/);
    expect(stdout).toMatch(/\nunmapped \(\d+\):\n/);
    const lines = stdout.split('\n').map((l) => l.trim());
    for (const line of [...EXPECTED[document]!.mapped, ...EXPECTED[document]!.unmapped]) expect(lines).toContain(line);
    // Every runbook written is in the summary.
    for (const file of await runbookFiles()) expect(stdout).toContain(`runbook runbooks/${file} <- `);
  });

  it('every generated runbook passes opsdeck runbook lint', async () => {
    const files = (await runbookFiles()).map((f) => path.join(out, 'runbooks', f));
    expect(files.length).toBeGreaterThan(5);
    const { code, stdout, stderr } = await opsdeck(['runbook', 'lint', ...files]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.match(/^problems:\n {2}none$/gm)).toHaveLength(files.length);
  });

  it('declares every placeholder its steps use as a parameter', async () => {
    for (const file of await runbookFiles()) {
      const { runbook } = parseRunbook(`runbooks/${file}`, readFileSync(path.join(out, 'runbooks', file), 'utf8'));
      const used = new Set(runbook.steps.filter((s) => s.kind === 'shell').flatMap((s) => scanPlaceholders(s.text).uses.map((u) => u.name)));
      const declared = runbook.parameters.filter((p) => p.origin === 'front-matter').map((p) => p.name);
      expect(new Set(declared), file).toEqual(used);
      expect(runbook.parameters.every((p) => p.origin === 'front-matter'), file).toBe(true);
    }
    for (const [file, names] of Object.entries(EXPECTED[document]!.runbookParams)) {
      const { runbook } = parseRunbook(file, readFileSync(path.join(out, 'runbooks', file), 'utf8'));
      expect(runbook.parameters.map((p) => p.name), file).toEqual(expect.arrayContaining(names));
    }
  });

  it('passes opsdeck validate, and the loader reads every runbook', async () => {
    await imported;
    const { code, stdout, stderr } = await opsdeck(['validate', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: /);
    const loaded = await loadConfig(out);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.config.runbooks.map((r) => r.id)).toEqual((await runbookFiles()).map((f) => `runbooks/${f}`));
    for (const routine of loaded.config.routines) {
      if (routine.work.kind === 'runbook') expect(loaded.config.runbooks.map((r) => r.id)).toContain(routine.work.runbook);
      else expect(routine.work.items.length).toBeGreaterThan(0);
    }
  });
});

describe('opsdeck import refuses', () => {
  it('a directory that is not empty', async () => {
    const { code, stderr } = await opsdeck(['import', path.join(PROCEDURES, documents[0]!), '--out', PROCEDURES]);
    expect(code).toBe(1);
    expect(stderr).toContain('is not empty; import writes a new config directory');
  });
});
