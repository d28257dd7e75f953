import path from 'node:path';
import type { RunbookDef, RunbookParamDef, RunbookStepDef } from '../../config/config-types.ts';
import { parseFenceInfo } from './fence-info.ts';
import type { FenceInfo } from './fence-info.ts';
import { readFrontMatter } from './front-matter.ts';
import type { FrontMatter } from './front-matter.ts';
import { markdownBlocks } from './markdown-blocks.ts';
import { classifyShell, classifySql } from './risk-classify.ts';
import type { RiskVerdict } from './risk-classify.ts';
import type { RunbookProblem } from './runbook-problem.ts';
import { lintRunbook } from './runbook-lint.ts';
import { scanPlaceholders } from './shell-placeholders.ts';
import type { PlaceholderUse } from './shell-placeholders.ts';

export const SHELL_LANGS = new Set(['bash', 'sh', 'shell']);
export const DEFAULT_ROLES: RunbookDef['roles'] = ['responder', 'admin'];
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

export interface RunbookParse {
  /** Always a runbook, as far as it could be read; `problems` says what was wrong. */
  runbook: RunbookDef;
  problems: RunbookProblem[];
  /** Every placeholder found, by step index, for the lint plan. */
  placeholders: Map<number, PlaceholderUse[]>;
}

/**
 * A Markdown runbook to the RunbookDef the runner executes. Headings are
 * sections; ```bash/sh/shell fences are steps that run; `- [ ]` items are
 * confirmations; every other fence, and a fence with no language, is shown
 * and not run unless marked {runnable interpreter=...}: an unlabelled block is
 * as often a message template as a command, and running it by guess is worse
 * than asking for one word.
 */
export function parseRunbook(id: string, text: string): RunbookParse {
  const problems: RunbookProblem[] = [];
  const { body, front } = splitFrontMatter(text, problems);
  const sections: RunbookDef['sections'] = [];
  const steps: RunbookStepDef[] = [];
  const placeholders = new Map<number, PlaceholderUse[]>();

  for (const block of markdownBlocks(body)) {
    if (block.kind === 'heading') {
      sections.push({ title: block.text, level: block.depth, line: block.line });
      continue;
    }
    const base = { index: steps.length, section: sections.length - 1, line: block.line, continueOnError: false, diagnostic: false, timeoutMs: null, interpreter: null };
    if (block.kind === 'task') {
      steps.push({ ...base, kind: 'manual', lang: '', script: block.text, text: block.text, risk: 'readonly', riskReason: null });
      continue;
    }
    if (block.kind !== 'code') continue;
    if (block.fenced && !block.closed) problems.push({ line: block.line, column: 1, message: `unclosed fence: the \`\`\` opened here has no closing fence, so the rest of the file is inside it` });
    const parsed = parseFenceInfo(block.lang, block.meta);
    if (!parsed.ok) problems.push({ line: block.line, column: 1, message: parsed.message });
    const info: FenceInfo = parsed.ok ? parsed.info : plainInfo(block.lang);
    const shell = parsed.ok && SHELL_LANGS.has(info.lang) && (info.interpreter === null || SHELL_LANGS.has(info.interpreter));
    const runs = shell || (info.runnable && info.interpreter !== null);
    if (info.runnable && !shell && info.interpreter === null) problems.push({ line: block.line, column: 1, message: `a runnable ${info.lang || 'unlabelled'} block needs an interpreter: {runnable interpreter=${info.lang === 'sql' ? 'psql' : info.lang || 'python3'}}` });
    let script = block.value;
    if (shell) {
      const scan = scanPlaceholders(block.value);
      script = scan.script;
      placeholders.set(steps.length, scan.uses);
    }
    const verdict = explicitRisk(info) ?? heuristicRisk(info, shell, runs, script);
    steps.push({
      ...base,
      kind: runs ? 'shell' : 'shown',
      lang: info.lang,
      script,
      text: block.value,
      risk: verdict.risk,
      riskReason: verdict.reason,
      continueOnError: info.continueOnError,
      diagnostic: info.diagnostic,
      timeoutMs: info.timeoutMs,
      interpreter: shell ? null : info.interpreter,
    });
  }

  const firstHeading = sections.find((s) => s.level === 1) ?? sections[0];
  const runbook: RunbookDef = {
    id,
    title: front.title ?? firstHeading?.title ?? path.basename(id, path.extname(id)),
    description: front.description,
    parameters: parametersOf(front, steps, placeholders),
    roles: front.roles ?? DEFAULT_ROLES,
    timeoutMs: front.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    env: front.env,
    workdir: front.workdir,
    sections,
    steps,
  };
  problems.push(...lintRunbook(runbook, front));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { runbook, problems, placeholders };
}

/** A fence whose attributes could not be read is shown, not run: the problem is reported, and guessing would run it. */
function plainInfo(lang: string | null): FenceInfo {
  return { lang: (lang ?? '').replace(/\{.*$/, '').toLowerCase(), mutating: false, readonly: false, continueOnError: false, diagnostic: false, runnable: false, interpreter: null, timeoutMs: null };
}

/** Shell by its commands, SQL by its statements; other code that runs cannot be read, so it counts as mutating. */
function heuristicRisk(info: FenceInfo, shell: boolean, runs: boolean, script: string): RiskVerdict {
  if (shell) return classifyShell(script);
  if (info.lang === 'sql' || /psql|mysql/.test(info.interpreter ?? '')) return classifySql(script);
  if (runs) return { risk: 'mutating', reason: `${info.lang || 'unlabelled'} code: its effects are unknown; mark it {readonly} if it only reads` };
  return { risk: 'readonly', reason: null };
}

function explicitRisk(info: FenceInfo): RiskVerdict | null {
  if (info.mutating) return { risk: 'mutating', reason: 'marked {mutating}' };
  if (info.readonly) return { risk: 'readonly', reason: 'marked {readonly}' };
  return null;
}

/** Declared parameters first, then each placeholder the first time a step uses it. */
function parametersOf(front: FrontMatter, steps: RunbookStepDef[], placeholders: Map<number, PlaceholderUse[]>): RunbookParamDef[] {
  const params = [...front.parameters];
  const known = new Set([...params.map((p) => p.name), ...Object.keys(front.env)]);
  for (const step of steps) {
    for (const use of placeholders.get(step.index) ?? []) {
      if (known.has(use.name)) continue;
      known.add(use.name);
      params.push({ name: use.name, type: 'string', default: null, required: true, secret: false, allowed: null, description: `found as ${use.written} in step ${step.index + 1} (line ${step.line + use.line})`, origin: 'placeholder' });
    }
  }
  return params;
}

const EMPTY_FRONT: FrontMatter = { title: null, description: null, parameters: [], roles: null, timeoutMs: null, env: {}, workdir: null, declaredAt: new Map() };

/** Front matter is blanked rather than cut, so Markdown line numbers stay the file's. */
function splitFrontMatter(text: string, problems: RunbookProblem[]): { body: string; front: FrontMatter } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*\n/.test(normalized)) return { body: normalized, front: EMPTY_FRONT };
  const lines = normalized.split('\n');
  const close = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)[ \t]*$/.test(l));
  if (close === -1) {
    problems.push({ line: 1, column: 1, message: 'front matter: the --- on line 1 has no closing --- line' });
    return { body: normalized, front: EMPTY_FRONT };
  }
  const read = readFrontMatter(lines.slice(1, close).join('\n'), 2);
  problems.push(...read.problems);
  const body = [...lines.slice(0, close + 1).map(() => ''), ...lines.slice(close + 1)].join('\n');
  return { body, front: read.front };
}
