/** The only door into the alert pipeline: matchers, muters (silences), inhibition and the stage list. */
export type { Labels, Matcher, MatchOp } from './label-matcher.ts';
export { matchesAll, formatMatcher } from './label-matcher.ts';
export { parseMatcher } from './matcher-parse.ts';
export type { MatcherParse } from './matcher-parse.ts';

export type { Muter, MuteReason } from './muter.ts';
export { firstMute } from './muter.ts';
export { silenceMuter, silenceState, expiringSoon, silenceMatchersProblem, describeSilence } from './silence-muter.ts';
export type { SilenceState } from './silence-muter.ts';

export { FiringSet } from './firing-set.ts';
export { inhibitedBy, describeInhibition } from './inhibit-rules.ts';
export type { Inhibition } from './inhibit-rules.ts';

export { buildPipeline } from './pipeline.ts';
export type { Pipeline } from './pipeline.ts';
export type { AlertEvent, Deliver, Outcome, PipelineDeps, StageContext } from './pipeline-types.ts';
