/** Schedule ids come from config keys, so they are encoded rather than trusted to be URL-safe. */
export function schedulePath(id: string): string {
  return `/oncall/${encodeURIComponent(id)}`;
}
