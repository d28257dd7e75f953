export { createScheduler } from './check-scheduler.ts';
export type { Scheduler, SchedulerOptions, SchedulerStats, ScheduledCheck } from './check-scheduler.ts';
export { createResultWriter } from './result-writer.ts';
export type { ResultWriter, ResultWriterOptions, ResultWriterStats } from './result-writer.ts';
export { createLatenessHistogram } from './lateness-histogram.ts';
export type { LatenessHistogram, LatenessSummary } from './lateness-histogram.ts';
export { phaseOf } from './schedule-phase.ts';
