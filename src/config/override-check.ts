import { parseInstant } from '../calendar/index.ts';
import { overlappingOverrides } from '../oncall/index.ts';
import type { Problem, TreePath } from './source-map.ts';
import { mapOrEmpty as entries } from './value-describe.ts';

/**
 * An override must end after it starts, and two overrides of one schedule
 * must not cover the same instant: which of them wins would be a guess. The
 * later one in the file is reported, naming the earlier.
 */
export function checkOverrideTimes(path: TreePath, overrides: unknown[], zone: string): Problem[] {
  const problems: Problem[] = [];
  const valid: { index: number; from: number; to: number; written: string }[] = [];
  overrides.forEach((override, index) => {
    const own = entries(override);
    const from = typeof own['from'] === 'string' ? parseInstant(own['from'], zone) : null;
    const to = typeof own['to'] === 'string' ? parseInstant(own['to'], zone) : null;
    if (!from?.ok || !to?.ok) return;
    if (to.value <= from.value) {
      problems.push({ path: [...path, 'overrides', index, 'to'], target: 'value', message: `expected an end after from (${String(own['from'])}), found ${JSON.stringify(own['to'])}` });
      return;
    }
    valid.push({ index, from: from.value, to: to.value, written: `${String(own['user'])} from ${String(own['from'])} to ${String(own['to'])}` });
  });
  const reported = new Set<number>();
  for (const [i, j] of overlappingOverrides(valid)) {
    const [earlier, later] = [valid[i]!, valid[j]!];
    if (reported.has(later.index)) continue;
    reported.add(later.index);
    problems.push({
      path: [...path, 'overrides', later.index],
      target: 'value',
      message: `overlaps overrides[${earlier.index}] (${earlier.written}); overrides of one schedule must not overlap, or who is on call would be a guess; end one where the other begins`,
    });
  }
  return problems;
}
