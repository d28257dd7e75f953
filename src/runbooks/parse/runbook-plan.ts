import { formatDuration } from '../../time/index.ts';
import type { RunbookParse } from './runbook-parse.ts';

/**
 * What `opsdeck runbook lint` prints: the plan a runner would follow, so a
 * person sees before 03:00 which steps run, which change things and why,
 * which parameters will be asked for, and what is wrong (file:line:col).
 */
export function formatPlan(file: string, parse: RunbookParse): string {
  const { runbook, problems } = parse;
  const out: string[] = [];
  out.push(`${file}: ${runbook.title}`);
  out.push(`  roles: ${runbook.roles.join(', ')}; timeout ${formatDuration(runbook.timeoutMs)}${runbook.workdir ? `; workdir ${runbook.workdir}` : ''}`);
  out.push('sections:');
  if (runbook.sections.length === 0) out.push('  (none)');
  for (const s of runbook.sections) out.push(`  ${'#'.repeat(s.level)} ${s.title} (line ${s.line})`);
  out.push('steps:');
  if (runbook.steps.length === 0) out.push('  (none)');
  for (const step of runbook.steps) {
    const attributes = [step.diagnostic && 'diagnostic', step.continueOnError && 'continue_on_error', step.timeoutMs !== null && `timeout=${formatDuration(step.timeoutMs)}`, step.interpreter && `interpreter=${step.interpreter}`].filter(Boolean);
    const kind = step.kind === 'manual' ? 'manual' : `${step.kind} ${step.lang || '(no language)'}`;
    const risk = step.kind === 'shell' ? ` ${step.risk}${step.riskReason ? ` (${step.riskReason})` : ''}` : '';
    const section = runbook.sections[step.section]?.title;
    out.push(`  ${step.index + 1}. line ${step.line}: ${kind}${risk}${attributes.length ? ` {${attributes.join(' ')}}` : ''}${section ? ` in "${section}"` : ''}`);
    if (step.kind === 'manual') out.push(`     [ ] ${step.text}`);
  }
  out.push('parameters:');
  if (runbook.parameters.length === 0) out.push('  (none)');
  for (const p of runbook.parameters) {
    const details = [p.type, p.required ? 'required' : 'optional', p.secret && 'secret', p.default !== null && `default ${JSON.stringify(p.default)}`, p.allowed && `allowed ${p.allowed.join('|')}`].filter(Boolean).join(', ');
    out.push(`  ${p.name}: ${p.origin === 'front-matter' ? 'declared' : 'placeholder'} (${details})${p.description ? ` - ${p.description}` : ''}`);
  }
  out.push('problems:');
  if (problems.length === 0) out.push('  none');
  for (const p of problems) out.push(`  ${file}:${p.line}:${p.column}: ${p.message}`);
  return out.join('\n');
}
