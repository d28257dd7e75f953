/**
 * Who is on call: pure functions of (schedule, instant), computed with the one calendar module.
 * `opsdeck oncall --at` (onCallAt) and `opsdeck oncall preview` (finalShifts) must agree.
 */
export { overlappingOverrides } from './override-overlap.ts';
export type { Shift, OnCall } from './shift-types.ts';
export { onCallAt, SHIFT_SEARCH_MS } from './on-call-at.ts';
export { finalShifts } from './final-shifts.ts';
export { layerShifts } from './layer-shifts.ts';
export { OnCallDirectory, OverrideError, feedToken } from './oncall-directory.ts';
export type { OverrideView } from './oncall-directory.ts';
export { CalendarFeeds } from './calendar-feeds.ts';
export type { CalendarEvent } from './icalendar.ts';
export { renderICalendar } from './icalendar.ts';
export type { FeedOptions } from './shift-events.ts';
export { scheduleEvents, personEvents } from './shift-events.ts';
