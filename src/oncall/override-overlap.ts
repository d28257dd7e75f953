import type { OverrideDef } from '../config/config-types.ts';

/**
 * Pairs [i, j] (i < j, indexes into `overrides`) of overrides whose [from, to) intervals share an
 * instant. Two people covering the same moment is ambiguous, so the config loader and the API
 * refuse it instead of picking one. Touching intervals (one ends as the next begins) do not overlap.
 */
export function overlappingOverrides(overrides: readonly Pick<OverrideDef, 'from' | 'to'>[]): [number, number][] {
  const order = overrides.map((_, i) => i).sort((a, b) => overrides[a]!.from - overrides[b]!.from || a - b);
  const pairs: [number, number][] = [];
  // Sweep by start: only overrides still open when the next one starts can overlap it.
  let open: number[] = [];
  for (const i of order) {
    const current = overrides[i]!;
    open = open.filter((j) => overrides[j]!.to > current.from);
    if (current.to > current.from) {
      for (const j of open) pairs.push(j < i ? [j, i] : [i, j]);
      open.push(i);
    }
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
