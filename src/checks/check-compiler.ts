import type { CompiledCheck } from './check-runner.ts';
import type { Condition } from './conditions/condition-model.ts';
import { parseCondition } from './conditions/condition-parser.ts';
import { checkTypes, findCheckType, placeholdersFor } from './registry.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_INTERVAL_MS = 60_000;

/** One problem in one check's definition; `path` is relative to the check, `column` is into a condition's text. */
export interface CheckProblem {
  path: (string | number)[];
  message: string;
  column?: number;
}

/** Everything wrong with one check, so the config loader can point at each place. */
export class CheckDefinitionError extends Error {
  readonly problems: CheckProblem[];

  constructor(checkId: string, problems: CheckProblem[]) {
    super(`${checkId}: ${problems.map(formatProblem).join('; ')}`);
    this.problems = problems;
  }
}

function formatProblem(problem: CheckProblem): string {
  const where = problem.path.join('.') + (problem.column === undefined ? '' : ` (column ${problem.column})`);
  return where === '' ? problem.message : `${where}: ${problem.message}`;
}

export interface CompileOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /**
   * The config loader's work, reused: `typeConfig` is already the type schema's
   * output and `conditions` are `expect` parsed, in order. At 50,000 checks,
   * parsing and validating everything a second time costs seconds at start.
   */
  preparsed?: { conditions: readonly Condition[] };
}

/**
 * Validates a check's type block, creates its probe and parses its conditions
 * (the type's defaults when `expect` is empty). Throws CheckDefinitionError
 * listing every problem; the config loader is expected to have reported them
 * with file positions already.
 */
export function compileCheck(
  id: string,
  typeName: string,
  typeConfig: unknown,
  expect: readonly string[] | undefined,
  options: CompileOptions = {},
): CompiledCheck {
  const type = findCheckType(typeName);
  if (type === undefined) {
    const known = [...checkTypes.keys()].join(', ');
    throw new CheckDefinitionError(id, [{ path: [typeName], message: `unknown check type "${typeName}"; expected one of ${known}` }]);
  }
  const problems: CheckProblem[] = [];
  const conditionTexts = expect !== undefined && expect.length > 0 ? [...expect] : [...type.defaultExpect];
  let config = typeConfig;
  let conditions: Condition[] = [];
  if (options.preparsed && options.preparsed.conditions.length === conditionTexts.length) {
    conditions = [...options.preparsed.conditions];
  } else {
    const parsed = type.schema.safeParse(typeConfig);
    if (parsed.success) config = parsed.data;
    else for (const issue of parsed.error.issues) problems.push({ path: [typeName, ...issue.path.map(pathKey)], message: issue.message });
    const known = placeholdersFor(type);
    conditionTexts.forEach((text, index) => {
      const result = parseCondition(text, known);
      if (result.ok) conditions.push(result.condition);
      else problems.push({ path: ['expect', index], message: result.message, column: result.column });
    });
  }
  if (problems.length > 0) throw new CheckDefinitionError(id, problems);

  let probe;
  try {
    probe = type.create(config);
  } catch (error) {
    throw new CheckDefinitionError(id, [{ path: [typeName], message: error instanceof Error ? error.message : String(error) }]);
  }
  return {
    id,
    type: typeName,
    probe,
    conditions,
    conditionTexts,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
  };
}

const pathKey = (key: PropertyKey): string | number => (typeof key === 'symbol' ? String(key) : key);
