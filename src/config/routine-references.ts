import { stat } from 'node:fs/promises';
import path from 'node:path';
import { unknownName } from './oncall-references.ts';
import type { Problem } from './source-map.ts';
import { suggestion } from './name-suggest.ts';
import { mapOrEmpty as entries } from './value-describe.ts';

/**
 * What a routine names must exist: its runbook file, the schedule or user it is assigned to, its
 * severity (or, left out, some severity to default to). Read from the merged tree as written, so
 * these are reported alongside schema problems; a value the schema already refused is skipped.
 */
export async function checkRoutineReferences(directory: string, tree: unknown): Promise<Problem[]> {
  const problems: Problem[] = [];
  const root = entries(tree);
  const severityIds = Object.keys(entries(root['severities']));
  const known = { schedule: Object.keys(entries(root['schedules'])), user: Object.keys(entries(root['users'])) };

  for (const [routineId, written] of Object.entries(entries(root['routines']))) {
    const at = ['routines', routineId];
    const { runbook, assign, severity } = entries(written);
    if (typeof runbook === 'string' && runbook !== '' && !(await isFile(path.resolve(directory, runbook)))) {
      problems.push({ path: [...at, 'runbook'], target: 'value', message: `runbook file "${runbook}" does not exist; runbook paths are relative to the config directory` });
    }
    if (typeof assign === 'string') {
      const match = /^(\s*)(schedule|user):(\S+)\s*$/.exec(assign);
      if (match) {
        const kind = match[2] as 'schedule' | 'user';
        const id = match[3]!;
        if (!known[kind].includes(id)) {
          problems.push({ path: [...at, 'assign'], target: 'value', column: match[1]!.length + kind.length + 1, message: unknownName(kind, `${kind}s`, `${kind}s`, id, known[kind]) });
        }
      }
    }
    if (typeof severity === 'string' && severity !== '' && !severityIds.includes(severity)) {
      const defined = severityIds.length ? `defined: ${severityIds.join(', ')}` : 'none are defined; add them under severities:';
      problems.push({ path: [...at, 'severity'], target: 'value', message: `unknown severity "${severity}"${suggestion(severity, severityIds)}; ${defined}` });
    }
    if (severity === undefined && severityIds.length === 0) {
      problems.push({ path: at, target: 'key', message: 'a routine alerts at a severity when a run fails or a deadline passes, and none are defined; add severities: or set severity: on the routine' });
    }
  }
  return problems;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
