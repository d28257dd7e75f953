import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readYaml } from './yaml-read.ts';
import { readYamlSubset } from './yaml-subset-read.ts';
import { readYamlSubsetPositions } from './yaml-subset-positions.ts';

/**
 * The subset reader must never disagree with readYaml(): on every text it
 * accepts, readYaml() must report no error and build the same value, and the
 * positions reader must record the same spots. Anything it is unsure of it
 * leaves to readYaml() by returning null.
 */
function expectSameAsFullReader(text: string): boolean {
  const subset = readYamlSubset(text);
  if (!subset) return false;
  const full = readYaml('f.yaml', text);
  expect(full.errors, text).toEqual([]);
  expect(subset.value, text).toStrictEqual(full.value);
  const positions = readYamlSubsetPositions('f.yaml', text)!;
  const spots = (map: typeof full.spots) => [...map].map(([key, { keyAt, at, contentAt }]) => [key, keyAt, at, contentAt]).sort();
  expect(spots(positions.spots), text).toEqual(spots(full.spots));
  expect(positions.file.lines.lineStarts, text).toEqual(full.file.lines.lineStarts);
  return true;
}

describe('readYamlSubset reads', () => {
  it.each([
    ['a: 1\nb: -2.5\nc: true\nd: ~\ne: 0x1F\nf: .inf\ng: 1_000\n', { a: 1, b: -2.5, c: true, d: null, e: 31, f: Infinity, g: '1_000' }],
    ['k: { url: "http://h:1/p", every: 30s, expect: ["[STATUS] == 200"] }\n', { k: { url: 'http://h:1/p', every: '30s', expect: ['[STATUS] == 200'] } }],
    ['# lead\nsvc:\n  # note\n  checks:\n    c: { http: {} }   # trailing\n  alerts:\n', { svc: { checks: { c: { http: {} } }, alerts: null } }],
    ['list:\n  - a\n  -\n  - [1, 2,]\n  -\n    x: 1\n    y: 2\n', { list: ['a', null, [1, 2], { x: 1, y: 2 }] }],
    ['"quoted key": \'it\'\'s\'\nd: "tab\\there \\"q\\" \\\\"\n', { 'quoted key': "it's", d: 'tab\there "q" \\' }],
    ['url: http://h/a#b\nw: a #comment\ncolon: a:b\n1: one\n', { url: 'http://h/a#b', w: 'a', colon: 'a:b', '1': 'one' }],
    ['', undefined],
    ['# only a comment\n', undefined],
  ])('%j', (text, expected) => {
    expect(readYamlSubset(text)).toStrictEqual({ value: expected });
    expectSameAsFullReader(text);
  });

  it('keeps a key named __proto__ as data', () => {
    const value = readYamlSubset('__proto__: { polluted: true }\n')!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('readYamlSubset leaves to the full reader', () => {
  it.each([
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['block scalars', 'a: |\n  text\n'],
    ['plain scalars continued on the next line', 'a: one\n  two\n'],
    ['flow collections over several lines', 'a: [1,\n  2]\n'],
    ['quoted scalars over several lines', 'a: "one\n  two"\n'],
    ['duplicate keys, which it reports with both places', 'a: 1\na: 2\n'],
    ['tabs', 'a:\t1\n'],
    ['carriage returns', 'a: 1\r\n'],
    ['documents', '---\na: 1\n'],
    ['explicit keys', '? a\n: 1\n'],
    ['compact maps in lists', '- a: 1\n  b: 2\n'],
    ['a list at the indent of its key', 'a:\n- 1\n'],
    ['empty flow entries', 'a: { b: }\n'],
    ['pairs in flow lists', 'a: [b: 1]\n'],
    ['\\x, \\u and \\U escapes', 'a: "\\u00e9"\n'],
    ['null keys', '~: 1\n'],
    ['nested mappings on one line (a syntax error)', 'a: b: c\n'],
    ['a comment without a space before it (a syntax error)', 'a: "b"# c\n'],
    ['a top-level scalar', 'just text\n'],
  ])('%s', (_name, text) => {
    expect(readYamlSubset(text)).toBeNull();
  });
});

describe('readYamlSubset agrees with readYaml', () => {
  it('on every fixture and example it accepts', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const files = ['test/fixtures/config', 'examples'].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml')).map((name) => path.join(root, dir, name)),
    );
    const accepted = files.filter((file) => expectSameAsFullReader(readFileSync(file, 'utf8')));
    expect(accepted.length).toBeGreaterThan(files.length / 2);
  });

  it('on thousands of generated documents, mistakes included', () => {
    const random = seeded(20240601);
    let accepted = 0;
    const total = 4000;
    for (let i = 0; i < total; i++) {
      let text = `${generateBlock(random, 0, 0).join('\n')}\n`;
      if (random() < 0.4) text = mutate(random, text);
      if (expectSameAsFullReader(text)) accepted++;
    }
    // Both sides must be exercised for the comparison to mean anything.
    expect(accepted).toBeGreaterThan(total * 0.2);
    expect(accepted).toBeLessThan(total * 0.9);
  });
});

/** mulberry32: small, seeded, good enough to vary documents. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// Mostly what configs hold, plus scalars whose resolution or ending is easy to get wrong.
const SCALARS = ['api', 'b c', '30s', '200', '-1', '+1', '0o17', '0x1F', '1e3', '.5', '1.50', '08', 'true', 'False', 'null', '~', '.NaN', '-.inf', '1_000',
  'http://h:1/p?q=1', 'a:b', 'a#b', '-x', '?x', ':x', 'é', 'a  b', '"[STATUS] == 200"', '"a: b"', "'it''s'", '"\\"q\\" \\\\ \\n"', "'#'", '""', "''"];
const KEYS = ['a', 'b', 'checks', 'every', '1', 'true', '"q k"', "'s k'", '-k', 'a b', '__proto__', 'k#x', '1.0'];

function generateFlow(random: () => number, depth: number): string {
  const roll = random();
  const count = Math.floor(random() * 4);
  if (depth > 2 || roll < 0.4) return pick(random, SCALARS);
  if (roll < 0.7) return `[${Array.from({ length: count }, () => generateFlow(random, depth + 1)).join(pick(random, [', ', ',', ' , ']))}${pick(random, [']', ' ]', ',]'])}`;
  const entries = Array.from({ length: count }, () => `${pick(random, KEYS)}${pick(random, [': ', ': ', ' : '])}${generateFlow(random, depth + 1)}`);
  return `{${pick(random, [' ', ''])}${entries.join(pick(random, [', ', ',']))}${pick(random, [' }', '}', ', }'])}`;
}

function generateBlock(random: () => number, indent: number, depth: number): string[] {
  const pad = ' '.repeat(indent);
  const isList = random() < 0.3;
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const head = isList ? `${pad}-` : `${pad}${pick(random, KEYS)}:`;
    if (depth < 3 && random() < 0.35) {
      lines.push(head + pick(random, ['', ' ', ' # note']));
      lines.push(...generateBlock(random, indent + pick(random, [1, 2, 2, 4]), depth + 1));
    } else {
      const value = random() < 0.5 ? generateFlow(random, 0) : pick(random, SCALARS);
      lines.push(`${head}${pick(random, [' ', ' ', '  '])}${value}${pick(random, ['', '', ' # note', ' '])}`);
    }
    if (random() < 0.1) lines.push(pick(random, ['', '# comment', '   # indented comment', `${pad}  continued`]));
  }
  return lines;
}

/** A character inserted or deleted here and there: mostly syntax errors and odd corners, which must be left to readYaml(). */
function mutate(random: () => number, text: string): string {
  const inserts = [' ', '\n', ':', '-', '#', ',', '[', ']', '{', '}', '"', "'", '\\', '?', '&', '*', '!', '|', '\t', '---\n'];
  let out = text;
  for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
    const at = Math.floor(random() * (out.length + 1));
    out = random() < 0.7 ? out.slice(0, at) + pick(random, inserts) + out.slice(at) : out.slice(0, at) + out.slice(at + 1);
  }
  return out;
}
