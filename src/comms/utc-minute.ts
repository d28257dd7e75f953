/** "2026-03-29 14:05 UTC": what a person reads in an update or reminder; seconds are noise there. */
export function formatUtcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
