/** The only door into the alert pipeline: matchers, muters (silences), inhibition and the stage list. */
export type { Labels, Matcher, MatchOp } from './label-matcher.ts';
export { matchesAll, formatMatcher } from './label-matcher.ts';
export { parseMatcher } from './matcher-parse.ts';
export type { MatcherParse } from './matcher-parse.ts';
