import type { Block } from '../runbooks/index.ts';
import type { Section } from './procedure-sections.ts';
import { guessSchedule } from './schedule-guess.ts';
import type { ScheduleGuess } from './schedule-guess.ts';

export interface RoutineGuess {
  /** Suffix for the id when one section holds several cadences ("Security Checklist": Daily, Weekly, Monthly). */
  label: string | null;
  title: string;
  schedule: ScheduleGuess;
  /** Items a person ticks; empty when the routine runs its runbook by itself. */
  checklist: string[];
  line: number;
}

/**
 * Daily, weekly and monthly sections become routines. A section may hold
 * several cadences under bold labels ("**Daily**", "**Weekly**"), each with
 * its own items. Items are task-list items, or, when there are none, the
 * innermost bullet points ("Check Slack #alerts channel" under "Review
 * overnight alerts"): a numbered step with a code block under it is a runbook
 * step, not an item to tick.
 */
export function routinesOf(section: Section): RoutineGuess[] {
  const groups: { label: string; schedule: ScheduleGuess; blocks: Block[]; line: number }[] = [];
  for (const block of section.blocks) {
    const schedule = block.kind === 'paragraph' && block.text.length <= 60 ? guessSchedule(block.text) : null;
    if (schedule && block.kind === 'paragraph') groups.push({ label: block.text.replace(/\*\*/g, ''), schedule, blocks: [], line: block.line });
    else groups[groups.length - 1]?.blocks.push(block);
  }
  const labelled = groups.filter((g) => itemsOf(g.blocks).length > 0);
  if (labelled.length > 0 && (labelled.length > 1 || !guessSchedule(section.title))) {
    return labelled.map((g) => ({ label: labelled.length > 1 ? g.schedule.cadence : null, title: labelled.length > 1 ? `${section.title}: ${g.label}` : section.title, schedule: g.schedule, checklist: itemsOf(g.blocks), line: g.line }));
  }
  const schedule = guessSchedule(section.title) ?? groups[0]?.schedule;
  if (!schedule) return [];
  return [{ label: null, title: section.title, schedule, checklist: itemsOf(section.blocks), line: section.line }];
}

function itemsOf(blocks: Block[]): string[] {
  const tasks = blocks.flatMap((b) => (b.kind === 'task' ? [b.text] : []));
  if (tasks.length > 0) return tasks;
  return blocks.flatMap((b) => (b.kind === 'item' && b.leaf ? [b.parent ? `${b.parent.replace(/\*\*/g, '').replace(/[:：]\s*$/, '')}: ${b.text}` : b.text] : []));
}
