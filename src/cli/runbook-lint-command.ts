import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatPlan, parseRunbook } from '../runbooks/index.ts';

/** The `runbook` group, shared with the runner's commands: whichever registers first creates it. */
export function runbookGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'runbook') ?? program.command('runbook').description('runbooks: Markdown procedures that run step by step');
}

export function registerRunbookLintCommand(program: Command): void {
  runbookGroup(program).command('lint <files...>')
    .description('print the plan of each runbook (sections, steps with their kind and risk, parameters) and its problems; exits 1 when any has problems')
    .action(async (files: string[]) => {
      let problems = 0;
      for (const [k, file] of files.entries()) {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          console.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
          problems++;
          continue;
        }
        const parsed = parseRunbook(file, text);
        if (k > 0) console.log('');
        console.log(formatPlan(file, parsed));
        problems += parsed.problems.length;
      }
      if (problems > 0) {
        console.error(`${problems} problem${problems === 1 ? '' : 's'} in ${files.length === 1 ? files[0] : `${files.length} files`}`);
        process.exit(1);
      }
    });
}
