/**
 * How a value found in the config reads in an error: strings quoted as
 * written, numbers and booleans bare, and containers by what they are
 * (printing a whole map back at the user helps nobody).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** For reading a tree that may be malformed: anything but a map reads as an empty one. */
export function mapOrEmpty(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** "a", "a and b", "a, b and c". */
export function wordList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
