import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatSummary, planImport, writeImport } from '../import/index.ts';

export function registerImportCommand(program: Command): void {
  program.command('import <procedures>')
    .description('turn a procedures document (Markdown) into a starter config directory: runbooks, routines, severities and checks; prints what it mapped and what it could not')
    .requiredOption('--out <dir>', 'the config directory to create (new or empty)')
    .action(async (file: string, o: { out: string }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        console.error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        process.exit(1);
      }
      const plan = planImport(text, path.basename(file));
      try {
        await writeImport(plan, o.out);
      } catch (error) {
        console.error((error as Error).message);
        process.exit(1);
      }
      console.log(formatSummary(plan, o.out));
      console.log(`next: opsdeck validate ${o.out}`);
    });
}
