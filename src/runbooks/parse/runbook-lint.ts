import type { RunbookDef } from '../../config/config-types.ts';
import type { FrontMatter } from './front-matter.ts';
import type { RunbookProblem } from './runbook-problem.ts';

/**
 * Problems in a runbook that reads fine as Markdown but would mislead at run
 * time: a diagnostic step that changes things would run by itself when an
 * incident opens; a declared parameter nothing uses is asked for and ignored;
 * a default outside `allowed` can never be accepted.
 */
export function lintRunbook(runbook: RunbookDef, front: FrontMatter): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  for (const step of runbook.steps) {
    if (step.diagnostic && step.risk === 'mutating') {
      problems.push({ line: step.line, column: 1, message: `step ${step.index + 1} is marked diagnostic but is mutating (${step.riskReason}); diagnostic steps run by themselves when an incident opens, so they must be read-only` });
    }
    if (step.diagnostic && step.kind !== 'shell') {
      problems.push({ line: step.line, column: 1, message: `step ${step.index + 1} is marked diagnostic but does not run (${step.kind}); only shell steps can be diagnostic` });
    }
  }
  const runs = runbook.steps.filter((s) => s.kind === 'shell').map((s) => s.script).join('\n') + '\n' + Object.values(runbook.env).join('\n');
  for (const param of runbook.parameters) {
    if (param.origin !== 'front-matter') continue;
    const at = front.declaredAt.get(param.name) ?? { line: 1, column: 1 };
    if (!new RegExp(String.raw`\$\{?${param.name}\b`).test(runs)) {
      problems.push({ ...at, message: `parameter ${param.name} is declared but no step uses it; use it as $${param.name} or \${${param.name}} in a step, or remove it` });
    }
    if (param.default !== null && param.allowed !== null && !param.allowed.includes(param.default)) {
      problems.push({ ...at, message: `parameter ${param.name}: default "${param.default}" is not one of its allowed values: ${param.allowed.join(', ')}` });
    }
    if (param.default !== null && param.type === 'number' && !Number.isFinite(Number(param.default))) {
      problems.push({ ...at, message: `parameter ${param.name}: default "${param.default}" is not a number, but the type is number` });
    }
    if (param.default !== null && param.type === 'boolean' && !['true', 'false'].includes(param.default)) {
      problems.push({ ...at, message: `parameter ${param.name}: default "${param.default}" is not true or false, but the type is boolean` });
    }
  }
  return problems;
}
