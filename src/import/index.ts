/** The only door into import: procedures documents to a starter config directory. */
export { planImport } from './import-plan.ts';
export type { ImportPlan } from './import-plan.ts';
export { writeImport, formatSummary } from './import-write.ts';
export { guessSchedule } from './schedule-guess.ts';
export type { ScheduleGuess } from './schedule-guess.ts';
export { severitiesFrom, durationOf } from './severity-table.ts';
export { checkFrom } from './check-map.ts';
