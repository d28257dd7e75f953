import type { z } from 'zod';
import { describeSpot, errorAt, pathKey } from './source-map.ts';
import type { SourceIndex } from './source-map.ts';
import type { ConfigError } from './config-types.ts';
import type { YamlRead } from './yaml-read.ts';
import { MAIN_FILE } from './include-resolve.ts';
import { mergeableSections } from './schema-registry.ts';
import { suggestion } from './name-suggest.ts';
import { describeValue, isRecord } from './value-describe.ts';

/**
 * Folds included files into opsdeck.yaml's tree, entry by entry of the map
 * sections (services.api, severities.P1). An entry defined twice is an error
 * naming both places: silently letting one win would hide a copy-paste
 * mistake until the wrong check runs. The first definition is kept, so
 * later checks still see it.
 */
export function mergeIncluded(main: unknown, included: readonly YamlRead[], shape: z.ZodRawShape, index: SourceIndex): { tree: unknown; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  if (!isRecord(main) && main !== undefined && main !== null) return { tree: main, errors };
  const tree: Record<string, unknown> = { ...main };
  const sections = Object.keys(shape).filter((key) => mergeableSections.has(shape[key]!));

  for (const read of included) {
    const { file, value, spots } = read;
    if (value === undefined || value === null) continue;
    const rootSpot = spots.get(pathKey([]))!;
    if (!isRecord(value)) {
      errors.push(errorAt(file, rootSpot.at, [], `expected a map with ${sections.join(', ')} at the top of an included file, found ${describeValue(value)}`));
      continue;
    }
    for (const [section, entries] of Object.entries(value)) {
      const spot = spots.get(pathKey([section]))!;
      if (!sections.includes(section)) {
        const message = section in shape
          ? `"${section}" can only be set in ${MAIN_FILE}; an included file may hold ${sections.join(', ')}`
          : `unknown key "${section}"${suggestion(section, sections)}; expected one of ${sections.join(', ')}`;
        errors.push(errorAt(file, spot.keyAt ?? spot.at, [section], message));
        continue;
      }
      if (entries === null) continue;
      if (!isRecord(entries)) {
        errors.push(errorAt(file, spot.at, [section], `expected a map from id to ${mergeableSections.get(shape[section]!)!.entry}, found ${describeValue(entries)}`));
        continue;
      }
      // opsdeck.yaml wrote this section as something other than a map: the root schema says so; nothing to merge into.
      if (tree[section] !== undefined && tree[section] !== null && !isRecord(tree[section])) continue;
      if (!isRecord(tree[section])) index.own([section], spots);
      const target: Record<string, unknown> = { ...(tree[section] as Record<string, unknown> | undefined) };
      for (const [id, entry] of Object.entries(entries)) {
        if (Object.hasOwn(target, id)) {
          const first = index.find([section, id]);
          const where = first ? ` first defined at ${describeSpot(first.spot)}` : '';
          const entrySpot = spots.get(pathKey([section, id]))!;
          errors.push(errorAt(file, entrySpot.keyAt ?? entrySpot.at, [section, id], `duplicate ${mergeableSections.get(shape[section]!)!.entry} "${id}";${where}`));
          continue;
        }
        Object.defineProperty(target, id, { value: entry, enumerable: true, writable: true, configurable: true });
        index.own([section, id], spots);
      }
      tree[section] = target;
    }
  }
  return { tree, errors };
}
