export type { Clock, Timer } from './clock.ts';
export { systemClock } from './clock.ts';
export { FakeClock } from './fake-clock.ts';
export { parseDuration, formatDuration } from './duration.ts';
export type { DurationParse } from './duration.ts';
