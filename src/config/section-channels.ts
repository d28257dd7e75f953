import { z } from 'zod';
import type { ChannelCatalog } from './channel-catalog.ts';
import { keyHints, mapSection } from './schema-registry.ts';
import { isRecord, wordList } from './value-describe.ts';

/** A channel block as validated: the type's name and its own config as its schema parsed it. */
export interface ChannelSpec {
  type: string;
  typeConfig: unknown;
}

/** "(webhook, slack, email)": the types a block may name, for messages. */
export function channelTypeList(catalog: ChannelCatalog): string {
  return catalog.types.size ? [...catalog.types.keys()].join(', ') : 'none are registered';
}

/**
 * `ops-slack: { slack: { url: ... } }`: exactly one key, naming a channel
 * type, whose block that type's own schema validates (as a check's type key
 * is), so adding a channel type never touches the loader.
 */
export function channelSchema(catalog: ChannelCatalog) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, type] of catalog.types) shape[name] = type.schema.optional();
  const types = channelTypeList(catalog);
  const object = z.strictObject(shape).superRefine(
    (block, ctx) => {
      const present = Object.keys(block).filter((key) => catalog.types.has(key));
      for (const extra of present.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: [extra],
          message: `expected one channel type, found ${present.length}: ${wordList(present)}; make each its own channel`,
          params: { target: 'key' },
        });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );
  keyHints.add(object, { expected: `expected one channel type (${types})` });
  // Only an empty map is "none": a map with an unknown key gets that key's own error, which lists the types.
  const noneWritten = (written: unknown, ctx: z.RefinementCtx) => {
    if (isRecord(written) && Object.keys(written).length === 0) ctx.addIssue({ code: 'custom', message: `expected one channel type (${types}), found none` });
    return written;
  };
  return z.preprocess(noneWritten, object).transform((block): ChannelSpec => {
    const type = Object.keys(block).find((key) => catalog.types.has(key))!;
    return { type, typeConfig: block[type] };
  });
}

/** Named shared channels; included files may add to them. */
export const channelsSection = (catalog: ChannelCatalog) => mapSection('channel', channelSchema(catalog));

/**
 * A user's `contact:` map: each key is a channel type and names the contact,
 * its value that type's block. Unknown keys are reported by the strict object
 * with the types listed.
 */
export function contactSchema(catalog: ChannelCatalog) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, type] of catalog.types) shape[name] = type.schema.optional();
  const object = z.strictObject(shape);
  keyHints.add(object, { expected: `expected channel types as contact names (${channelTypeList(catalog)})` });
  return object.transform((contacts) => Object.entries(contacts).filter(([, block]) => block !== undefined).map(([type, typeConfig]): ChannelSpec => ({ type, typeConfig })));
}
