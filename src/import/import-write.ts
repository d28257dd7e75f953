import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportPlan } from './import-plan.ts';

/** Writes a plan into `out`, which must be empty or new: an import never overwrites someone's config. */
export async function writeImport(plan: ImportPlan, out: string): Promise<void> {
  const existing = await readdir(out).catch(() => [] as string[]);
  if (existing.length > 0) throw new Error(`${out} is not empty; import writes a new config directory, give it an empty or new one`);
  for (const file of plan.files) {
    const target = path.join(out, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
}

/** What the CLI prints: every thing made, then every thing left behind with its line. */
export function formatSummary(plan: ImportPlan, out: string): string {
  const lines = [`wrote ${plan.files.length} file${plan.files.length === 1 ? '' : 's'} to ${out}`, `mapped (${plan.mapped.length}):`];
  for (const m of plan.mapped) lines.push(`  ${m}`);
  lines.push(`unmapped (${plan.unmapped.length}):`);
  if (plan.unmapped.length === 0) lines.push('  nothing');
  for (const u of plan.unmapped) lines.push(`  ${u}`);
  return lines.join('\n');
}
