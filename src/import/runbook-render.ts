import { parseRunbook } from '../runbooks/index.ts';
import type { ProcedureDocument, Section } from './procedure-sections.ts';

export interface RenderedRunbook {
  text: string;
  shellSteps: number;
  manualSteps: number;
  parameters: string[];
  mutating: string[];
}

/**
 * A section as a runbook file: front matter (title, where it came from, the
 * parameters its placeholders need, declared so they can be given defaults),
 * then the section's own text as written. Copying the text rather than
 * re-rendering keeps the prose, numbered steps and code exactly as the team
 * wrote them; the runbook parser finds the same steps in it that it finds
 * anywhere else.
 */
export function renderRunbook(doc: ProcedureDocument, section: Section, source: string, id: string): RenderedRunbook {
  const content = doc.lines.slice(section.line, section.endLine - 1);
  while (content.length > 0 && /^\s*(---+|\*\*\*+)?\s*$/.test(content[content.length - 1]!)) content.pop();
  while (content.length > 0 && content[0]!.trim() === '') content.shift();
  const body = `# ${section.title}\n\n${content.join('\n')}\n`;
  const parsed = parseRunbook(id, body);
  const params = parsed.runbook.parameters.filter((p) => p.origin === 'placeholder');
  const front = [
    '---',
    `title: ${JSON.stringify(section.title)}`,
    `description: ${JSON.stringify(`Imported from ${source}, section "${[...section.parents, section.title].join(' > ')}" (line ${section.line}).`)}`,
  ];
  if (params.length > 0) {
    front.push('parameters:');
    for (const p of params) {
      const written = [...parsed.placeholders.values()].flat().find((u) => u.name === p.name)?.written ?? p.name;
      front.push(`  ${p.name}:`, '    required: true', `    description: ${JSON.stringify(`found as ${written} in the procedures document`)}`);
    }
  }
  front.push('---', '');
  const steps = parsed.runbook.steps;
  return {
    text: `${front.join('\n')}\n${body}`,
    shellSteps: steps.filter((s) => s.kind === 'shell').length,
    manualSteps: steps.filter((s) => s.kind === 'manual').length,
    parameters: params.map((p) => p.name),
    mutating: steps.filter((s) => s.kind === 'shell' && s.risk === 'mutating').map((s) => s.riskReason ?? 'mutating'),
  };
}
