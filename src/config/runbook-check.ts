import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './source-map.ts';
import { mapOrEmpty } from './value-describe.ts';

/**
 * An alert's runbook is a reference like any other: a path that leads
 * nowhere is found at load, not by the person paged at 03:00.
 */
export async function checkRunbooks(directory: string, tree: unknown): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [serviceId, service] of Object.entries(mapOrEmpty(mapOrEmpty(tree)['services']))) {
    for (const [alertId, alert] of Object.entries(mapOrEmpty(mapOrEmpty(service)['alerts']))) {
      const runbook = mapOrEmpty(alert)['runbook'];
      if (typeof runbook !== 'string' || runbook === '') continue;
      if (await isFile(path.resolve(directory, runbook))) continue;
      problems.push({
        path: ['services', serviceId, 'alerts', alertId, 'runbook'],
        target: 'value',
        message: `runbook file "${runbook}" does not exist; runbook paths are relative to the config directory`,
      });
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
