import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../store/index.ts';
import { actionItemsBlock, ACTIONS_END, ACTIONS_START, withActionItems } from './action-table.ts';

const now = Date.parse('2026-04-02T00:00:00Z');
const item = (over: Partial<ActionItem>): ActionItem => ({
  id: 1, incidentId: 7, title: 'Fix it', owner: 'ana', dueAt: null, doneAt: null, remindedAt: null, createdAt: 0, ...over,
});

describe('action items in the Markdown', () => {
  it('shows open, overdue and done items', () => {
    const block = actionItemsBlock([
      item({ id: 1 }),
      item({ id: 2, dueAt: Date.parse('2026-04-01T00:00:00Z') }),
      item({ id: 3, dueAt: Date.parse('2026-04-01T00:00:00Z'), doneAt: Date.parse('2026-03-30T12:00:00Z') }),
    ], now);
    expect(block.split('\n').slice(3, 6)).toEqual([
      '| 1 | Fix it | ana | - | open |',
      '| 2 | Fix it | ana | 2026-04-01 00:00:00 UTC | overdue |',
      '| 3 | Fix it | ana | 2026-04-01 00:00:00 UTC | done 2026-03-30 |',
    ]);
  });

  it('replaces the table between the markers and keeps what people wrote around it', () => {
    const body = `# PM\n\nOur words.\n\n## Action items\n\n${ACTIONS_START}\n| stale |\n${ACTIONS_END}\n\nAfterword.\n`;
    const out = withActionItems(body, [item({ title: 'New' })], now);
    expect(out).not.toContain('stale');
    expect(out).toContain('| 1 | New | ana | - | open |');
    expect(out.startsWith('# PM\n\nOur words.\n\n## Action items\n\n')).toBe(true);
    expect(out.endsWith(`${ACTIONS_END}\n\nAfterword.\n`)).toBe(true);
  });

  it('appends a section when the markers were deleted', () => {
    expect(withActionItems('# PM\n\nShort.\n\n', [], now)).toBe(`# PM\n\nShort.\n\n## Action items\n\n${ACTIONS_START}\n_None yet._\n${ACTIONS_END}\n`);
  });
});
