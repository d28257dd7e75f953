import type { Severity } from '../config/index.ts';
import type { Incident, TimelineEvent } from '../incidents/index.ts';
import type { ActionItem, StatusUpdate } from '../store/index.ts';
import { formatDuration } from '../time/index.ts';
import { actionItemsBlock } from './action-table.ts';
import { listItem, utc } from './markdown-text.ts';

export interface DraftInput {
  incident: Incident;
  /** Oldest first, as the store gives it. */
  timeline: readonly TimelineEvent[];
  updates: readonly StatusUpdate[];
  actions: readonly ActionItem[];
  severity: Severity | undefined;
  /** Names of the status-page components the incident's service shows in. */
  components: readonly string[];
  now: number;
}

const TO_FILL = '_To fill in._';

/** "after 4m10s (target 15m: met)": how long a step took against the severity's target. */
function against(openedAt: number, doneAt: number | null, dueAt: number | null, breachedAt: number | null): string {
  if (doneAt === null) return 'never';
  const took = `${utc(doneAt)}, after ${formatDuration(doneAt - openedAt)}`;
  if (dueAt === null) return `${took} (no target)`;
  const met = breachedAt === null && doneAt <= dueAt;
  return `${took} (target ${formatDuration(dueAt - openedAt)}: ${met ? 'met' : 'missed'})`;
}

function impact(input: DraftInput): string[] {
  const { incident: i, severity, components } = input;
  return [
    `- **Severity:** ${i.severity}${severity ? ` (${severity.name})` : ''}`,
    `- **Service:** ${i.service ?? 'none recorded'}`,
    `- **Components:** ${components.length > 0 ? components.join(', ') : 'none on a status page'}`,
    `- **Opened:** ${utc(i.openedAt)}`,
    `- **Acknowledged:** ${against(i.openedAt, i.acknowledgedAt, i.respondBy, i.respondBreachedAt)}`,
    `- **Resolved:** ${against(i.openedAt, i.resolvedAt, i.resolveBy, i.resolveBreachedAt)}`,
    `- **Duration:** ${i.resolvedAt === null ? 'still open' : formatDuration(i.resolvedAt - i.openedAt)} (opened to resolved)`,
    '- **Who and what was affected:** _To fill in: users, requests, data._',
  ];
}

function timeline(events: readonly TimelineEvent[]): string[] {
  if (events.length === 0) return ['_Nothing was recorded._'];
  return events.map((e) => listItem(`**${utc(e.at)}** · ${e.kind} · \`${e.actor}\` · `, e.message));
}

function updates(list: readonly StatusUpdate[]): string[] {
  if (list.length === 0) return ['_No status updates were posted._'];
  return list.map((u) => listItem(`**${utc(u.at)}** · ${u.visibility} · ${u.status} · \`${u.author}\` · `, u.message));
}

/**
 * A post-mortem draft in Markdown from what Opsdeck recorded: the facts filled in (impact, every
 * timeline event in order, status updates, action items) and the sections only people can write
 * left to fill. Pure: the same incident and records give the same text.
 */
export function draftPostmortem(input: DraftInput): string {
  const i = input.incident;
  return [
    `# Post-mortem: #${i.id} ${i.title}`,
    '',
    `_Draft generated ${utc(input.now)} from incident #${i.id}. All times are UTC._`,
    '',
    '## Summary', '', TO_FILL, '',
    '## Impact', '', ...impact(input), '',
    '## Timeline', '', ...timeline(input.timeline), '',
    '## Status updates', '', ...updates(input.updates), '',
    '## Root cause', '', TO_FILL, '',
    '## Resolution', '', TO_FILL, '',
    '## Lessons learned', '', '### What went well', '', TO_FILL, '', '### What went wrong', '', TO_FILL, '', '### Where we got lucky', '', TO_FILL, '',
    '## Action items', '', actionItemsBlock(input.actions, input.now), '',
  ].join('\n');
}
