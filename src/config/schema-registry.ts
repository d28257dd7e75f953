import { z } from 'zod';
import { id } from './schema-fields.ts';

/**
 * Facts about schemas that zod's issues do not carry, looked up by schema
 * instance when an issue is turned into a message.
 */

/** How to phrase "expected one of ..." for a map whose keys are not just its shape (a check's type keys). */
export const keyHints = z.registry<{ expected: string }>();

/**
 * Root sections whose entries may also come from included files, merged key
 * by key. Marking the schema (rather than listing names elsewhere) keeps a
 * new section to one file plus one line in the root schema.
 */
export const mergeableSections = z.registry<{ entry: string }>();

/** An id-keyed map section (services, severities, ...) that included files may add to. */
export function mapSection<T extends z.ZodType>(entry: string, value: T) {
  const schema = z.record(id, value).optional();
  mergeableSections.add(schema, { entry });
  return schema;
}
