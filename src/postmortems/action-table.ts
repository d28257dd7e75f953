import type { ActionItem } from '../store/index.ts';
import { cell, utc } from './markdown-text.ts';

export const ACTIONS_START = '<!-- opsdeck:action-items: this table follows the tracked action items; change them in the console or with `opsdeck actions` -->';
export const ACTIONS_END = '<!-- /opsdeck:action-items -->';

function status(item: ActionItem, now: number): string {
  if (item.doneAt !== null) return `done ${utc(item.doneAt).slice(0, 10)}`;
  return item.dueAt !== null && item.dueAt < now ? 'overdue' : 'open';
}

/** The action items as a Markdown table between the markers that let an export refresh it. */
export function actionItemsBlock(actions: readonly ActionItem[], now: number): string {
  const rows = actions.length === 0
    ? ['_None yet._']
    : [
      '| # | Action | Owner | Due | Status |',
      '|---|---|---|---|---|',
      ...actions.map((a) => `| ${a.id} | ${cell(a.title)} | ${cell(a.owner)} | ${a.dueAt === null ? '-' : utc(a.dueAt)} | ${status(a, now)} |`),
    ];
  return [ACTIONS_START, ...rows, ACTIONS_END].join('\n');
}

/**
 * The body with its action-item table replaced by the items as they are now, so an export never
 * shows a stale list; a body whose markers were deleted gets the table appended in its own section.
 */
export function withActionItems(body: string, actions: readonly ActionItem[], now: number): string {
  const block = actionItemsBlock(actions, now);
  const start = body.indexOf(ACTIONS_START);
  const end = start === -1 ? -1 : body.indexOf(ACTIONS_END, start);
  if (start !== -1 && end !== -1) return body.slice(0, start) + block + body.slice(end + ACTIONS_END.length);
  return `${body.replace(/\s*$/, '')}\n\n## Action items\n\n${block}\n`;
}
