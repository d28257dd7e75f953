import { LineCounter } from 'yaml';
import { pathKey } from './source-map.ts';
import type { FilePositions } from './source-map.ts';
import { SubsetReader, withinSubset } from './yaml-subset-read.ts';

/**
 * Where every node of a file within the YAML subset was written, exactly as
 * readYaml() records it, without the yaml library's CST and nodes: an error
 * in one of 5,000 services should not cost a second and a hundred megabytes
 * to position. Null when the text is outside the subset.
 */
export function readYamlSubsetPositions(name: string, text: string): FilePositions | null {
  return withinSubset(text, () => {
    const reader = new PositionsReader(name, text);
    reader.document();
    return reader.positions;
  });
}

class PositionsReader extends SubsetReader {
  readonly positions: FilePositions;

  constructor(name: string, text: string) {
    super(text);
    this.positions = { file: { name, text, lines: lineStarts(text) }, spots: new Map() };
  }

  protected override spot(keyAt: number | null, at: number, contentAt: number | null): void {
    this.positions.spots.set(pathKey(this.path), { file: this.positions.file, keyAt, at, contentAt });
  }
}

/** Line starts as yaml's parser records them: the start of the text and after every line break (the subset has no \r). */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let eol = text.indexOf('\n'); eol >= 0; eol = text.indexOf('\n', eol + 1)) lines.addNewLine(eol + 1);
  return lines;
}
