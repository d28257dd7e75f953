import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { RunbookParamDef } from '../../config/config-types.ts';
import { parseDuration } from '../../time/index.ts';
import type { RunbookProblem } from './runbook-problem.ts';

/** What the front matter declares; anything not written is null. */
export interface FrontMatter {
  title: string | null;
  description: string | null;
  parameters: RunbookParamDef[];
  roles: ('viewer' | 'responder' | 'admin')[] | null;
  timeoutMs: number | null;
  env: Record<string, string>;
  workdir: string | null;
  /** Where each declared parameter's name was written, for "declared but unused". */
  declaredAt: Map<string, { line: number; column: number }>;
}

const KEYS = ['title', 'description', 'parameters', 'roles', 'timeout', 'env', 'workdir'];
const PARAM_KEYS = ['type', 'default', 'required', 'secret', 'allowed', 'description'];
const ROLES = ['viewer', 'responder', 'admin'] as const;
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Reads the YAML between the opening and closing `---`. `firstLine` is the
 * file line of the YAML's first line, so every problem points into the file.
 * Parameters are a map keyed by the environment variable name:
 *   parameters:
 *     NAMESPACE: { default: production, allowed: [production, staging] }
 */
export function readFrontMatter(yaml: string, firstLine: number): { front: FrontMatter; problems: RunbookProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: RunbookProblem[] = [];
  const front: FrontMatter = { title: null, description: null, parameters: [], roles: null, timeoutMs: null, env: {}, workdir: null, declaredAt: new Map() };
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return { line: line + firstLine - 1, column: col };
  };
  const problem = (node: Node | null | undefined, message: string) => problems.push({ ...at(node?.range?.[0]), message: `front matter: ${message}` });
  for (const error of doc.errors) problems.push({ ...at(error.pos[0]), message: `front matter: YAML syntax error: ${sentence(error.message)}` });
  if (doc.errors.length > 0 || doc.contents === null) return { front, problems };
  if (!isMap(doc.contents)) {
    problem(doc.contents, 'expected keys like title:, parameters:, roles:, found something else');
    return { front, problems };
  }

  for (const pair of doc.contents.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const text = (what: string): string | null => {
      if (isScalar(value) && value.value !== null && typeof value.value !== 'object') return String(value.value);
      problem(value ?? pair.key, `${key}: expected ${what}`);
      return null;
    };
    if (key === 'title') front.title = text('a title');
    else if (key === 'description') front.description = text('a description');
    else if (key === 'workdir') front.workdir = text('a directory relative to the config directory');
    else if (key === 'timeout') {
      const written = text('a duration like 30m');
      const parsed = written === null ? null : parseDuration(written);
      if (parsed && !parsed.ok) problem(value, `timeout: ${parsed.message}`);
      else if (parsed) front.timeoutMs = parsed.ms;
    } else if (key === 'roles') {
      if (!isSeq(value)) problem(value ?? pair.key, 'roles: expected a list of viewer, responder, admin');
      else {
        front.roles = [];
        for (const item of value.items as Node[]) {
          const role = isScalar(item) ? String(item.value) : '';
          if ((ROLES as readonly string[]).includes(role)) front.roles.push(role as (typeof ROLES)[number]);
          else problem(item, `roles: expected viewer, responder or admin, found "${role}"`);
        }
      }
    } else if (key === 'env') {
      if (!isMap(value)) problem(value ?? pair.key, 'env: expected a map of NAME: value');
      else for (const item of value.items as Pair<Node, Node | null>[]) {
        const name = isScalar(item.key) ? String(item.key.value) : '';
        if (!ENV_NAME.test(name)) problem(item.key, `env: expected an environment variable name (A-Z, 0-9, _), found "${name}"`);
        else if (!isScalar(item.value) || typeof item.value.value === 'object') problem(item.value ?? item.key, `env.${name}: expected a value`);
        else front.env[name] = String(item.value.value);
      }
    } else if (key === 'parameters') {
      if (!isMap(value)) problem(value ?? pair.key, 'parameters: expected a map of NAME: { type, default, required, secret, allowed, description }');
      else for (const item of value.items as Pair<Node, Node | null>[]) readParameter(item, front, problem, at);
    } else problem(pair.key, `unknown key "${key}"; expected one of ${KEYS.join(', ')}`);
  }
  return { front, problems };
}

function readParameter(item: Pair<Node, Node | null>, front: FrontMatter, problem: (node: Node | null | undefined, message: string) => void, at: (offset: number | undefined) => { line: number; column: number }): void {
  const name = isScalar(item.key) ? String(item.key.value) : '';
  if (!ENV_NAME.test(name)) {
    problem(item.key, `parameters: expected an environment variable name like NAMESPACE (A-Z, 0-9, _), found "${name}"`);
    return;
  }
  const param: RunbookParamDef = { name, type: 'string', default: null, required: false, secret: false, allowed: null, description: null, origin: 'front-matter' };
  front.declaredAt.set(name, at(item.key.range?.[0]));
  const body = item.value;
  if (body !== null && !isMap(body) && !(isScalar(body) && body.value === null)) {
    problem(body, `parameters.${name}: expected { type, default, required, secret, allowed, description }`);
    return;
  }
  for (const field of isMap(body) ? (body.items as Pair<Node, Node | null>[]) : []) {
    const key = isScalar(field.key) ? String(field.key.value) : '';
    const v = field.value;
    const scalar = isScalar(v) && (v.value === null || typeof v.value !== 'object') ? v.value : undefined;
    const where = `parameters.${name}.${key}`;
    if (key === 'type') {
      if (scalar === 'string' || scalar === 'number' || scalar === 'boolean') param.type = scalar;
      else problem(v ?? field.key, `${where}: expected string, number or boolean, found ${JSON.stringify(scalar ?? null)}`);
    } else if (key === 'default') {
      if (scalar === undefined || scalar === null) problem(v ?? field.key, `${where}: expected a value`);
      else param.default = String(scalar);
    } else if (key === 'required' || key === 'secret') {
      if (typeof scalar === 'boolean') param[key] = scalar;
      else problem(v ?? field.key, `${where}: expected true or false`);
    } else if (key === 'description') {
      if (typeof scalar === 'string') param.description = scalar;
      else problem(v ?? field.key, `${where}: expected text`);
    } else if (key === 'allowed') {
      if (!isSeq(v) || v.items.length === 0 || !(v.items as Node[]).every((x) => isScalar(x) && x.value !== null)) problem(v ?? field.key, `${where}: expected a list of values`);
      else param.allowed = (v.items as Node[]).map((x) => String((x as { value: unknown }).value));
    } else problem(field.key, `unknown key "${key}" in parameters.${name}; expected one of ${PARAM_KEYS.join(', ')}`);
  }
  front.parameters.push(param);
}

/** yaml's messages start with a capital and may end with a colon meant for a code excerpt. */
function sentence(message: string): string {
  const trimmed = message.trim().replace(/:$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
