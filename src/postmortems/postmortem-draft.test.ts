import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../incidents/index.ts';
import type { ActionItem, StatusUpdate } from '../store/index.ts';
import { ACTIONS_END, ACTIONS_START } from './action-table.ts';
import { draftPostmortem } from './postmortem-draft.ts';

const T0 = Date.parse('2026-03-10T10:00:00Z');
const M = 60_000;
const incident: Incident = {
  id: 7, key: 'web/down', title: 'Web is down', service: 'web', severity: 'P1', status: 'resolved',
  openedAt: T0, acknowledgedAt: T0 + 4 * M + 10_000, resolvedAt: T0 + 5 * 60 * M,
  respondBy: T0 + 15 * M, resolveBy: T0 + 4 * 60 * M, respondBreachedAt: null, resolveBreachedAt: T0 + 4 * 60 * M,
  runbook: null, updatedAt: T0 + 5 * 60 * M,
};
const ev = (id: number, minutes: number, kind: TimelineEvent['kind'], actor: string, message: string): TimelineEvent =>
  ({ id, incidentId: 7, at: T0 + minutes * M, kind, actor, message, data: null });

const timeline = [
  ev(1, 0, 'alert', 'alert:web/down', 'Alert web/down firing: 3 of last 3 failed'),
  ev(2, 4, 'status', 'token:ana', 'Acknowledged'),
  ev(3, 20, 'note', 'token:ana', 'Restarted the pool.\nSecond line | with a pipe'),
  ev(4, 300, 'status', 'token:ana', 'Resolved'),
];
const updates: StatusUpdate[] = [
  { id: 1, incidentId: 7, at: T0 + 10 * M, status: 'investigating', visibility: 'public', message: 'We are looking into it.', author: 'ana', components: [] },
];
const actions: ActionItem[] = [
  { id: 3, incidentId: 7, title: 'Add a | replica', owner: 'ana', dueAt: Date.parse('2026-04-01T00:00:00Z'), doneAt: null, remindedAt: null, createdAt: T0 },
];

describe('draftPostmortem', () => {
  const draft = draftPostmortem({
    incident, timeline, updates, actions, now: T0 + 6 * 60 * M, components: ['Website'],
    severity: { id: 'P1', name: 'Critical', respondWithinMs: 15 * M, resolveWithinMs: 4 * 60 * M, updateEveryMs: 30 * M, escalation: null },
  });

  it('has every section in order', () => {
    const headings = draft.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Post-mortem: #7 Web is down', '## Summary', '## Impact', '## Timeline', '## Status updates', '## Root cause', '## Resolution',
      '## Lessons learned', '### What went well', '### What went wrong', '### Where we got lucky', '## Action items',
    ]);
  });

  it('states the impact against the severity\'s targets', () => {
    expect(draft).toContain('- **Severity:** P1 (Critical)');
    expect(draft).toContain('- **Components:** Website');
    expect(draft).toContain('- **Acknowledged:** 2026-03-10 10:04:10 UTC, after 4m10s (target 15m: met)');
    expect(draft).toContain('- **Resolved:** 2026-03-10 15:00:00 UTC, after 5h (target 4h: missed)');
    expect(draft).toContain('- **Duration:** 5h (opened to resolved)');
  });

  it('lists every timeline event in order with UTC time, kind and actor, keeping multi-line messages in their item', () => {
    const section = draft.slice(draft.indexOf('## Timeline'), draft.indexOf('## Status updates'));
    expect(section).toContain('- **2026-03-10 10:00:00 UTC** · alert · `alert:web/down` · Alert web/down firing: 3 of last 3 failed');
    expect(section).toContain('- **2026-03-10 10:20:00 UTC** · note · `token:ana` · Restarted the pool.\n  Second line | with a pipe');
    const positions = timeline.map((e) => section.indexOf(e.message.split('\n')[0]!));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('includes status updates and the action items table between its markers, pipes escaped', () => {
    expect(draft).toContain('- **2026-03-10 10:10:00 UTC** · public · investigating · `ana` · We are looking into it.');
    const block = draft.slice(draft.indexOf(ACTIONS_START), draft.indexOf(ACTIONS_END) + ACTIONS_END.length);
    expect(block.split('\n').slice(1, -1)).toEqual([
      '| # | Action | Owner | Due | Status |', '|---|---|---|---|---|', '| 3 | Add a \\| replica | ana | 2026-04-01 00:00:00 UTC | open |',
    ]);
  });

  it('says when there is nothing to list', () => {
    const empty = draftPostmortem({ incident, timeline: [], updates: [], actions: [], now: T0, components: [], severity: undefined });
    expect(empty).toContain('_Nothing was recorded._');
    expect(empty).toContain('_No status updates were posted._');
    expect(empty).toContain(`${ACTIONS_START}\n_None yet._\n${ACTIONS_END}`);
    expect(empty).toContain('- **Severity:** P1\n');
  });
});
