import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatPlan, parseRunbook } from '../runbooks/index.ts';

/** The `runbook` group, shared with the runner's commands: whichever registers first creates it. */
export function runbookGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'runbook') ?? program.command('runbook').description('runbooks: Markdown procedures that run step by step');
}

export function registerRunbookLintCommand(program: Command): void {
  runbookGroup(program).command('lint <file>')
    .description('print the plan of a runbook (sections, steps with their kind and risk, parameters) and its problems; exits 1 when there are problems')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        console.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        process.exit(1);
      }
      const parsed = parseRunbook(file, text);
      console.log(formatPlan(file, parsed));
      if (parsed.problems.length > 0) {
        console.error(`${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'} in ${file}`);
        process.exit(1);
      }
    });
}
