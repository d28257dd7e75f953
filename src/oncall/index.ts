/**
 * Who is on call: pure functions of (schedule, instant), computed with the one calendar module.
 * `opsdeck oncall --at` (onCallAt) and `opsdeck oncall preview` (finalShifts) must agree.
 */
export { overlappingOverrides } from './override-overlap.ts';
