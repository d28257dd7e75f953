import type { z } from 'zod';
import { describeSpot } from './source-map.ts';
import type { ConfigSource, Problem, SourceIndex, TreePath } from './source-map.ts';
import type { ConfigError } from './config-types.ts';
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
export function mergeIncluded(main: unknown, included: readonly ConfigSource[], shape: z.ZodRawShape, index: SourceIndex): { tree: unknown; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  if (!isRecord(main) && main !== undefined && main !== null) return { tree: main, errors };
  const tree: Record<string, unknown> = { ...main };
  const sections = Object.keys(shape).filter((key) => mergeableSections.has(shape[key]!));

  for (const source of included) {
    const { value } = source;
    if (value === undefined || value === null) continue;
    const report = (path: TreePath, target: Problem['target'], message: string) => errors.push(index.locateIn(source, { path, target, message }));
    if (!isRecord(value)) {
      report([], 'value', `expected a map with ${sections.join(', ')} at the top of an included file, found ${describeValue(value)}`);
      continue;
    }
    for (const [section, entries] of Object.entries(value)) {
      if (!sections.includes(section)) {
        const message = section in shape
          ? `"${section}" can only be set in ${MAIN_FILE}; an included file may hold ${sections.join(', ')}`
          : `unknown key "${section}"${suggestion(section, sections)}; expected one of ${sections.join(', ')}`;
        report([section], 'key', message);
        continue;
      }
      if (entries === null) continue;
      const entry = mergeableSections.get(shape[section]!)!.entry;
      if (!isRecord(entries)) {
        report([section], 'value', `expected a map from id to ${entry}, found ${describeValue(entries)}`);
        continue;
      }
      // opsdeck.yaml wrote this section as something other than a map: the root schema says so; nothing to merge into.
      if (tree[section] !== undefined && tree[section] !== null && !isRecord(tree[section])) continue;
      if (!isRecord(tree[section])) index.own([section], source);
      const target: Record<string, unknown> = { ...(tree[section] as Record<string, unknown> | undefined) };
      for (const [id, value] of Object.entries(entries)) {
        if (Object.hasOwn(target, id)) {
          const first = index.find([section, id]);
          const where = first ? ` first defined at ${describeSpot(first.spot)}` : '';
          report([section, id], 'key', `duplicate ${entry} "${id}";${where}`);
          continue;
        }
        Object.defineProperty(target, id, { value, enumerable: true, writable: true, configurable: true });
        index.own([section, id], source);
      }
      tree[section] = target;
    }
  }
  return { tree, errors };
}
