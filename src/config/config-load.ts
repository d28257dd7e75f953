import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigError, ConfigLoad } from './config-types.ts';
import type { CheckCatalog } from './check-catalog.ts';
import { noChannels } from './channel-catalog.ts';
import type { ChannelCatalog } from './channel-catalog.ts';
import { positionsOf, readSource } from './source-read.ts';
import { MAIN_FILE, resolveIncludes } from './include-resolve.ts';
import { mergeIncluded } from './section-merge.ts';
import { rootSchema } from './root-schema.ts';
import { validate } from './schema-validate.ts';
import { checkReferences } from './config-references.ts';
import { checkOnCallReferences } from './oncall-references.ts';
import { checkIntegrationReferences } from './integration-references.ts';
import { checkDatasourceReferences } from './datasource-references.ts';
import { checkStatusReferences } from './status-references.ts';
import { checkHeartbeatReferences } from './heartbeat-references.ts';
import { checkLimits } from './config-limits.ts';
import { checkRunbooks } from './runbook-check.ts';
import { checkRoutineReferences } from './routine-references.ts';
import { loadRunbooks } from './runbook-load.ts';
import { resolveConfig } from './config-resolve.ts';
import { SourceIndex } from './source-map.ts';
import type { ConfigSource } from './source-map.ts';
import { mapOrEmpty } from './value-describe.ts';

/**
 * Loads a config directory in one pass that collects every problem:
 *   read opsdeck.yaml -> expand includes -> read them -> merge map sections
 *   -> schema -> cross-references, limits, runbook files -> parse runbooks -> resolve.
 * Check and channel types come in as catalogs: their blocks are validated by
 * each type's own schema.
 * Syntax errors stop the pass after reading: a tree the parser had to guess
 * at would produce errors about things the user never wrote.
 * Files are read to plain data only; where things were written is worked out
 * at the end, and only for the files that problems point into (SourceIndex).
 */
export async function loadConfigWith(dir: string, catalog: CheckCatalog, channels: ChannelCatalog = noChannels): Promise<ConfigLoad> {
  const directory = path.resolve(dir);
  const files = [MAIN_FILE];
  const main = await readFileSource(directory, MAIN_FILE);
  if (typeof main === 'string') {
    return { ok: false, files, errors: [{ file: MAIN_FILE, line: 1, column: 1, path: '', message: main }] };
  }

  const index = new SourceIndex(main, positionsOf);
  const errors: ConfigError[] = [...main.errors];
  const includes = await resolveIncludes(directory, main.syntaxOk ? mapOrEmpty(main.value)['include'] : undefined);
  errors.push(...includes.problems.map((p) => index.locate(p)));
  const included: ConfigSource[] = [];
  for (const name of includes.files) {
    files.push(name);
    const read = await readFileSource(directory, name);
    if (typeof read === 'string') errors.push({ file: name, line: 1, column: 1, path: '', message: read });
    else {
      included.push(read);
      for (const error of read.errors) errors.push(error);
    }
  }
  if (!main.syntaxOk || included.some((read) => !read.syntaxOk)) return failure(errors, files);

  const schema = rootSchema(catalog, channels);
  const merged = mergeIncluded(main.value, included, schema.shape, index);
  for (const error of merged.errors) errors.push(error);
  const tree = merged.tree ?? {};
  const validated = validate(schema, tree);
  // Array literals and concat, not push(...): a call's arguments overflow the stack at about 100,000, and every check may have a problem.
  const problems = [...validated.problems, ...checkReferences(tree), ...checkOnCallReferences(tree, channels), ...checkIntegrationReferences(tree), ...checkDatasourceReferences(tree), ...checkStatusReferences(tree), ...checkHeartbeatReferences(tree), ...checkLimits(tree), ...(await checkRunbooks(directory, tree)), ...(await checkRoutineReferences(directory, tree))];
  const runbooks = await loadRunbooks(directory, tree);
  const all = errors.concat(index.locateAll(problems), runbooks.errors);
  if (all.length > 0 || !validated.data) return failure(all, files);
  return { ok: true, config: resolveConfig(directory, validated.data, runbooks.runbooks), files };
}

/** Errors in file read order (opsdeck.yaml first, then as included), then by line and column. */
function failure(errors: ConfigError[], files: string[]): ConfigLoad {
  // Files that are not config (runbooks) come after every config file.
  const order = (file: string) => (files.includes(file) ? files.indexOf(file) : files.length);
  const sorted = [...errors].sort((a, b) => order(a.file) - order(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
  return { ok: false, errors: sorted, files };
}

/** The file parsed, or why it could not be read. */
async function readFileSource(directory: string, name: string): Promise<ConfigSource | string> {
  let text: string;
  try {
    text = await readFile(path.join(directory, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && name === MAIN_FILE) return `no ${MAIN_FILE} in ${directory}; create one with at least "organization: <your organization>"`;
    return `cannot read ${name}: ${code ?? (error as Error).message}`;
  }
  return readSource(name, text);
}
