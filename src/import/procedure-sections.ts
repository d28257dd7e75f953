import { markdownBlocks } from '../runbooks/index.ts';
import type { Block } from '../runbooks/index.ts';

/** A heading and what sits directly under it, up to the next heading of any level. */
export interface Section {
  title: string;
  level: number;
  /** 1-based line of the heading. */
  line: number;
  /** 1-based line of the next heading (or one past the end): the section's own text is line+1 .. endLine-1. */
  endLine: number;
  blocks: Block[];
  /** Titles of the enclosing headings, outermost first. */
  parents: string[];
}

export interface ProcedureDocument {
  title: string | null;
  lines: string[];
  sections: Section[];
  /** Blocks before the first heading. */
  preamble: Block[];
}

export function readProcedures(text: string): ProcedureDocument {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  const sections: Section[] = [];
  const preamble: Block[] = [];
  const stack: Section[] = [];
  for (const block of markdownBlocks(normalized)) {
    if (block.kind === 'heading') {
      while (stack.length > 0 && stack[stack.length - 1]!.level >= block.depth) stack.pop();
      const last = sections[sections.length - 1];
      if (last) last.endLine = block.line;
      const section: Section = { title: block.text, level: block.depth, line: block.line, endLine: lines.length + 1, blocks: [], parents: stack.map((s) => s.title) };
      sections.push(section);
      stack.push(section);
    } else (sections[sections.length - 1]?.blocks ?? preamble).push(block);
  }
  const title = sections.find((s) => s.level === 1)?.title ?? null;
  return { title, lines, sections, preamble };
}

/** A file or id name: "Runbook: Service Won't Start" -> "service-wont-start". */
export function slug(text: string): string {
  const s = text.toLowerCase().replace(/^runbook:\s*/, '').replace(/['’]/g, '').replace(/\(.*?\)/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s === '' ? 'section' : s.slice(0, 60).replace(/-+$/, '');
}

/** The first unused of name, name-2, name-3 ... */
export function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
  taken.add(candidate);
  return candidate;
}
