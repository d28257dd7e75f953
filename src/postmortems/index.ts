/** Post-mortems: Markdown drafts from resolved incidents, people's edits, action items and their overdue reminders. */
export { PostmortemService } from './postmortem-service.ts';
export type { ActionPatch, PostmortemServiceDeps, PostmortemView } from './postmortem-service.ts';
export { draftPostmortem } from './postmortem-draft.ts';
export type { DraftInput } from './postmortem-draft.ts';
export { actionItemsBlock, withActionItems, ACTIONS_START, ACTIONS_END } from './action-table.ts';
export { parseDue } from './action-due.ts';
export { reminderPlan, remindOverdueActions } from './action-reminders.ts';
export type { ReminderDeps, ReminderPlan } from './action-reminders.ts';
