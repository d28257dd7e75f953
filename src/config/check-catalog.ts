import type { CheckType, ConditionParse } from '../checks/index.ts';

/**
 * The part of src/checks the loader needs: which check types exist, which
 * placeholders a type's conditions may use, and how a condition parses.
 * Passed in (index.ts passes the real registry) so the loader does not
 * reach into src/checks itself.
 */
export interface CheckCatalog {
  // Each type's config is its own; the loader only hands it back to the type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  types: ReadonlyMap<string, CheckType<any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  placeholdersFor(type: CheckType<any>): readonly string[];
  parseCondition(text: string, known?: readonly string[]): ConditionParse;
}
