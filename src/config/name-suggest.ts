/**
 * "did you mean" for misspelt keys and ids. A candidate is offered only when
 * it is close for its length (one edit in four characters), so "interval"
 * does not suggest "every" just because nothing better exists, and "P9" is
 * not taken for a typo of "P1".
 */
export function closestName(input: string, candidates: readonly string[]): string | null {
  const wanted = input.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    const allowed = Math.floor(Math.max(wanted.length, candidate.length) / 4);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "every"?)` or nothing; for the middle of a message. */
export function suggestion(input: string, candidates: readonly string[]): string {
  const close = closestName(input, candidates);
  return close === null ? '' : ` (did you mean "${close}"?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
