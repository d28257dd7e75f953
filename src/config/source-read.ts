import { readYamlSubset } from './yaml-subset-read.ts';
import { readYamlSubsetPositions } from './yaml-subset-positions.ts';
import { readYaml } from './yaml-read.ts';
import type { ConfigSource, FilePositions } from './source-map.ts';

/**
 * One file's plain data: from the fast subset reader when the file stays
 * within its subset, else from the full reader, which also positions syntax
 * errors and duplicate keys. Positions are not kept either way; positionsOf()
 * works them out again for a file with an error.
 */
export function readSource(name: string, text: string): ConfigSource {
  const subset = readYamlSubset(text);
  if (subset) return { name, text, value: subset.value, errors: [], syntaxOk: true };
  const { value, errors, syntaxOk } = readYaml(name, text);
  return { name, text, value, errors, syntaxOk };
}

/** Where everything in a file was written, read again from the same text (by the reader that read it), so it matches the data exactly. */
export function positionsOf(source: ConfigSource): FilePositions {
  const subset = readYamlSubsetPositions(source.name, source.text);
  if (subset) return subset;
  const { file, spots } = readYaml(source.name, source.text);
  return { file, spots };
}
