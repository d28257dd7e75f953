import { z } from 'zod';
import type { Condition, ConditionParse } from '../checks/index.ts';
import type { CheckCatalog } from './check-catalog.ts';
import { duration, interval } from './schema-fields.ts';
import { keyHints } from './schema-registry.ts';
import { isRecord, wordList } from './value-describe.ts';

/** A check as written, with durations in ms; defaults are applied later, when the engine section is known. */
export interface CheckSpec {
  type: string;
  typeConfig: unknown;
  intervalMs: number | null;
  timeoutMs: number | null;
  expect: string[];
  conditions: Condition[];
}

/** Shared with the timeout-vs-interval check, so it accepts exactly what this schema accepts. */
export const checkTimingFields = {
  every: interval().optional(),
  timeout: duration(1).optional(),
};

const COMMON_KEYS = ['every', 'timeout', 'expect'];

/**
 * `health: { http: {...}, every: 30s, expect: [...] }`. The type is whichever
 * one key names a check type; its block is validated by that type's own
 * schema, so adding a type never touches this file.
 */
export function checkSchema(catalog: CheckCatalog) {
  const typeNames = [...catalog.types.keys()];
  const shape: Record<string, z.ZodType> = { ...checkTimingFields, expect: z.array(z.string()).optional() };
  for (const [name, type] of catalog.types) shape[name] = type.schema.optional();
  const typeList = typeNames.join(', ');
  const parseCondition = conditionParser(catalog);

  const object = z.strictObject(shape).superRefine(
    (check, ctx) => {
      const present = Object.keys(check).filter((key) => catalog.types.has(key));
      if (present.length === 0) {
        ctx.addIssue({ code: 'custom', message: `expected one check type (${typeList}), found none` });
      }
      for (const extra of present.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: [extra],
          message: `expected one check type, found ${present.length}: ${wordList(present)}; split them into separate checks`,
          params: { target: 'key' },
        });
      }
      // Conditions are checked against the placeholders the type sets, so "[STAUS]" fails here, at load.
      const type = present.length === 1 ? present[0] : undefined;
      const expect: unknown = check['expect'];
      if (!Array.isArray(expect)) return;
      expect.forEach((condition, index) => {
        if (typeof condition !== 'string') return;
        const parsed = parseCondition(type, condition);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['expect', index], message: parsed.message, params: { column: parsed.column } });
      });
    },
    // Run even when a field failed, so a bad duration does not hide a missing type in the same check.
    { when: (payload) => isRecord(payload.value) },
  );
  keyHints.add(object, { expected: `expected one of ${COMMON_KEYS.join(', ')} or a check type (${typeList})` });

  return object.transform((check): CheckSpec => {
    const type = Object.keys(check).find((key) => catalog.types.has(key))!;
    const written = check['expect'] as string[] | undefined;
    const expect = written ?? [...catalog.types.get(type)!.defaultExpect];
    const conditions = expect.map((text) => {
      // Already parsed by the refinement above (or, for the type's defaults, by the first check that uses them).
      const parsed = parseCondition(type, text);
      // Only a check type's own broken defaultExpect can get here: user conditions were checked above.
      if (!parsed.ok) throw new Error(`check type ${type}: default condition "${text}" does not parse: ${parsed.message}`);
      return parsed.condition;
    });
    return {
      type,
      typeConfig: check[type],
      intervalMs: (check['every'] as number | undefined) ?? null,
      timeoutMs: (check['timeout'] as number | undefined) ?? null,
      expect,
      conditions,
    };
  });
}

/**
 * Parses each distinct condition of a check type once per load: the
 * refinement and the transform both need it, and at 50,000 checks most say
 * the same "[STATUS] == 200", so they share one parsed Condition (plain data,
 * evaluated read-only). `type` is undefined when the check names no single
 * type; its conditions are then checked against every standard placeholder.
 */
function conditionParser(catalog: CheckCatalog): (type: string | undefined, text: string) => ConditionParse {
  const parsed = new Map<string, ConditionParse>();
  return (type, text) => {
    const key = `${type ?? ''}\u0000${text}`;
    let result = parsed.get(key);
    if (!result) {
      result = catalog.parseCondition(text, type === undefined ? undefined : catalog.placeholdersFor(catalog.types.get(type)!));
      parsed.set(key, result);
    }
    return result;
  };
}
