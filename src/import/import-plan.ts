import { SHELL_LANGS, simpleCommands } from '../runbooks/index.ts';
import { checkFrom } from './check-map.ts';
import type { CheckGuess } from './check-map.ts';
import { renderConfig } from './config-render.ts';
import type { RoutineOut } from './config-render.ts';
import { readProcedures, slug, unique } from './procedure-sections.ts';
import type { Section } from './procedure-sections.ts';
import { routinesOf } from './routine-guess.ts';
import { renderRunbook } from './runbook-render.ts';
import { severitiesFrom } from './severity-table.ts';
import type { SeverityGuess } from './severity-table.ts';

export interface ImportPlan {
  /** Paths relative to the output directory, with their text. */
  files: { path: string; text: string }[];
  /** "what <- from where": one line per thing made. */
  mapped: string[];
  /** "line N: what, and why it was not imported". */
  unmapped: string[];
}

const isShell = (b: Section['blocks'][number]) => b.kind === 'code' && SHELL_LANGS.has((b.lang ?? '').toLowerCase()) && !b.meta;

/**
 * A procedures document to a starter config directory: sections with shell
 * blocks (or with a checklist and no schedule) become runbooks; daily, weekly
 * and monthly sections become routines; a P1..P4 table becomes severities;
 * health-check commands that map become checks. Pure: the caller writes the files.
 */
export function planImport(text: string, source: string): ImportPlan {
  const doc = readProcedures(text);
  const files: ImportPlan['files'] = [];
  const mapped: string[] = [];
  const unmapped: string[] = [];
  const runbookNames = new Set<string>();
  const routineNames = new Set<string>();
  const routines: RoutineOut[] = [];
  const checks = new Map<string, CheckGuess>();
  let severities: SeverityGuess[] = [];

  for (const section of doc.sections) {
    const where = `"${section.title}" (line ${section.line})`;
    const shell = section.blocks.filter(isShell);
    const tasks = section.blocks.filter((b) => b.kind === 'task');
    const routineGuesses = routinesOf(section);
    let runbook: { id: string; readonly: boolean; reasons: string[]; params: string[] } | null = null;

    if (shell.length > 0 || (tasks.length > 0 && routineGuesses.length === 0)) {
      const id = `runbooks/${unique(slug(section.title), runbookNames)}.md`;
      const rendered = renderRunbook(doc, section, source, id);
      files.push({ path: id, text: rendered.text });
      runbook = { id, readonly: rendered.mutating.length === 0, reasons: rendered.mutating, params: rendered.parameters };
      const params = rendered.parameters.length > 0 ? `, parameters ${rendered.parameters.join(', ')}` : '';
      mapped.push(`runbook ${id} <- ${where}: ${rendered.shellSteps} shell step${rendered.shellSteps === 1 ? '' : 's'} (${rendered.mutating.length} mutating), ${rendered.manualSteps} manual${params}`);
    }

    for (const guess of routineGuesses) {
      const id = unique(slug(guess.label ? `${section.title}-${guess.label}` : section.title), routineNames);
      const comment = [`From ${source} line ${guess.line}. Assumed: ${guess.schedule.assumed}.`];
      // A routine runs with nobody there to fill in a parameter: only a read-only runbook without any runs by itself.
      if (runbook && runbook.readonly && runbook.params.length === 0 && guess.checklist.length === 0) {
        routines.push({ id, title: guess.title, schedule: guess.schedule, comment, runbook: runbook.id, checklist: null });
        mapped.push(`routine ${id} <- ${where}: ${guess.schedule.describe}, runs ${runbook.id} (all its steps are read-only)`);
        continue;
      }
      const checklist = [...guess.checklist];
      if (runbook) {
        checklist.push(`Run ${runbook.id}`);
        if (!runbook.readonly) comment.push(`A checklist item, not runbook:, because the runbook changes things (${runbook.reasons[0]}); switch to runbook: to run it by itself.`);
        else if (runbook.params.length > 0) comment.push(`A checklist item, not runbook:, because the runbook needs ${runbook.params.join(', ')}; switch to runbook: with params: to run it by itself.`);
      }
      if (checklist.length === 0) {
        // A heading like "## Daily Operations" that only holds subsections is not a routine of its own.
        if (section.blocks.length === 0) continue;
        unmapped.push(`line ${section.line}: ${where} reads as ${guess.schedule.cadence} but has nothing to run or tick`);
        continue;
      }
      routines.push({ id, title: guess.title, schedule: guess.schedule, comment, runbook: null, checklist });
      mapped.push(`routine ${id} <- ${where}: ${guess.schedule.describe}, checklist of ${checklist.length} item${checklist.length === 1 ? '' : 's'}`);
    }

    for (const block of section.blocks) {
      if (block.kind === 'table') {
        const found = severities.length === 0 ? severitiesFrom(block) : [];
        if (found.length > 0) {
          severities = found;
          for (const s of found) mapped.push(`severity ${s.id} <- table line ${s.line}${s.respondWithin ? `: respond within ${s.respondWithin}` : ''}${s.resolveWithin ? `, resolve within ${s.resolveWithin}` : ''}`);
        } else unmapped.push(`line ${block.line}: table in ${where} is not a severity table; not imported`);
      }
      if (block.kind === 'code' && !isShell(block)) {
        const lang = block.lang ?? 'unlabelled';
        unmapped.push(`line ${block.line}: ${lang} block in ${where}: ${runbook ? `shown in ${runbook.id}, not run; mark it {runnable interpreter=...} to run it` : 'not imported (only shell blocks and checklists make runbooks)'}`);
      }
      if (isShell(block) && block.kind === 'code') checksIn(block.value, block.line, checks, mapped, unmapped);
    }
  }

  if (severities.length === 0) unmapped.push('no severity table (P1..P4 with response times) found: wrote P1..P4 without response targets');
  files.unshift({ path: 'opsdeck.yaml', text: renderConfig({ title: doc.title, source, severities, checks: [...checks.values()], routines }) });
  return { files, mapped, unmapped };
}

function checksIn(script: string, fenceLine: number, checks: Map<string, CheckGuess>, mapped: string[], unmapped: string[]): void {
  for (const command of simpleCommands(script)) {
    const dash = command.words.indexOf('--');
    const insidePod = command.words[0] === 'kubectl' && command.words.includes('exec') && dash >= 0;
    const guess = checkFrom(insidePod ? { ...command, words: command.words.slice(dash + 1) } : command, insidePod);
    if (guess === null) continue;
    const line = fenceLine + command.line;
    if ('unmapped' in guess) unmapped.push(`line ${line}: ${guess.unmapped}; stays a runbook step`);
    else if (!checks.has(guess.name)) {
      checks.set(guess.name, guess);
      mapped.push(`check imported/${guess.name} <- line ${line}: ${guess.note}`);
    }
  }
}
