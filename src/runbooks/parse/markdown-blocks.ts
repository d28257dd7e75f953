import { createRequire } from 'node:module';
import type { Code, Heading, ListItem, Nodes, Root, Table } from 'mdast';

/** The parts of a Markdown document runbooks and the importer care about, flattened in document order. */
export type Block =
  | { kind: 'heading'; depth: number; text: string; line: number }
  | { kind: 'code'; lang: string | null; meta: string | null; value: string; line: number; fenced: boolean; closed: boolean }
  | { kind: 'task'; checked: boolean; text: string; line: number }
  /** A list item that is not a task; `parent` is the item it is nested in, `leaf`: no items or code blocks of its own. */
  | { kind: 'item'; text: string; line: number; parent: string | null; leaf: boolean }
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'table'; rows: string[][]; line: number };

// remark and its plugins are loaded on the first parse (Node 24 can require() ES modules), so an
// Opsdeck without runbooks does not carry them: they are about 20 MB of a resting server's RSS.
const requireModule = createRequire(import.meta.url);
let parser: { parse(source: string): unknown } | null = null;

function markdownParser(): { parse(source: string): unknown } {
  if (parser) return parser;
  const { unified } = requireModule('unified') as typeof import('unified');
  const remarkParse = (requireModule('remark-parse') as { default: typeof import('remark-parse').default }).default;
  const remarkGfm = (requireModule('remark-gfm') as { default: typeof import('remark-gfm').default }).default;
  parser = unified().use(remarkParse).use(remarkGfm);
  return parser;
}

/** `source` must keep its line numbers (front matter blanked, not cut), so every block's line is the file's. */
export function markdownBlocks(source: string): Block[] {
  const tree = markdownParser().parse(source) as Root;
  const blocks: Block[] = [];
  const slice = (node: Nodes) => source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const line = (node: Nodes) => node.position?.start.line ?? 1;

  const visit = (node: Nodes, parent: string | null = null): void => {
    if (node.type === 'heading') {
      blocks.push({ kind: 'heading', depth: (node as Heading).depth, text: inlineText(slice(node).replace(/\n\s*(=+|-+)\s*$/, '').replace(/^#+\s*|\s+#+\s*$|^\s+|\s+$/g, '')), line: line(node) });
      return;
    }
    if (node.type === 'code') {
      const code = node as Code;
      const raw = slice(node);
      const fence = /^\s*(`{3,}|~{3,})/.exec(raw);
      const lastLine = raw.split('\n').pop() ?? '';
      const closed = fence ? raw.includes('\n') && new RegExp(`^\\s*${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}\\s*$`).test(lastLine) : true;
      blocks.push({ kind: 'code', lang: code.lang ?? null, meta: code.meta ?? null, value: code.value, line: line(node), fenced: fence !== null, closed });
      return;
    }
    if (node.type === 'table') {
      const rows = (node as Table).children.map((row) => row.children.map((cell) => inlineText(slice(cell).replace(/^\s*\|/, '').replace(/\|\s*$/, ''))));
      blocks.push({ kind: 'table', rows, line: line(node) });
      return;
    }
    if (node.type === 'listItem') {
      const item = node as ListItem;
      const [first, ...rest] = item.children;
      const text = first && first.type === 'paragraph' ? inlineText(slice(first)) : '';
      if (item.checked === true || item.checked === false) blocks.push({ kind: 'task', checked: item.checked, text: text.replace(/^\[[ xX]\]\s*/, ''), line: line(node) });
      else blocks.push({ kind: 'item', text, line: line(node), parent, leaf: !item.children.some((c) => c.type === 'list' || c.type === 'code') });
      for (const child of first && first.type === 'paragraph' ? rest : item.children) visit(child, text);
      return;
    }
    if (node.type === 'paragraph') {
      blocks.push({ kind: 'paragraph', text: inlineText(slice(node)), line: line(node) });
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, parent);
  };
  visit(tree);
  return blocks;
}

/** Markdown inline source to the words a person reads: emphasis and link syntax dropped, code spans kept as text. */
export function inlineText(markdown: string): string {
  return markdown
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .trim();
}
