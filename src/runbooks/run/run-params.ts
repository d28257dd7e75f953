import type { RunbookParamDef } from '../../config/index.ts';
import { MASK } from './secret-mask.ts';

export type GivenParams = Readonly<Record<string, string | number | boolean>>;

export type ParamResolution =
  | {
      ok: true;
      /** Every parameter's value as the steps see it in their environment ('' when optional and not given). */
      values: Record<string, string>;
      /** The same with secret values masked: what the run record, the audit log and the timeline show. */
      shown: Record<string, string>;
      /** Values to mask in output (non-empty secret values). */
      secrets: string[];
    }
  | { ok: false; field: string; message: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The values a run uses, from what was given and the runbook's defaults, checked against each
 * parameter's type and allowed values. Values are never interpreted: they reach the steps only as
 * environment variables (and `$1`-style placeholders as positional arguments).
 */
export function resolveParams(defs: readonly RunbookParamDef[], given: GivenParams): ParamResolution {
  const known = new Map(defs.map((d) => [d.name, d]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const takes = defs.length ? `it takes ${defs.map((d) => d.name).join(', ')}` : 'it takes none';
      return { ok: false, field: `params.${name}`, message: `unknown parameter ${name}; ${takes}` };
    }
  }
  const values: Record<string, string> = {};
  const shown: Record<string, string> = {};
  const secrets: string[] = [];
  for (const def of defs) {
    const raw = given[def.name];
    const value = raw === undefined ? def.default : String(raw);
    const field = `params.${def.name}`;
    if (value === null || (value === '' && def.required)) {
      if (def.required) return { ok: false, field, message: `parameter ${def.name} is required${def.description ? ` (${def.description})` : ''}` };
      values[def.name] = '';
      shown[def.name] = '';
      continue;
    }
    if (def.type === 'number' && !NUMBER.test(value)) return { ok: false, field, message: `parameter ${def.name} expects a number, found ${quote(def, value)}` };
    if (def.type === 'boolean' && value !== 'true' && value !== 'false') {
      return { ok: false, field, message: `parameter ${def.name} expects true or false, found ${quote(def, value)}` };
    }
    if (def.allowed && !def.allowed.includes(value)) {
      return { ok: false, field, message: `parameter ${def.name} must be one of ${def.allowed.join(', ')}; found ${quote(def, value)}` };
    }
    values[def.name] = value;
    shown[def.name] = def.secret && value !== '' ? MASK : value;
    if (def.secret && value !== '') secrets.push(value);
  }
  return { ok: true, values, shown, secrets };
}

function quote(def: RunbookParamDef, value: string): string {
  return def.secret ? 'a value not shown (secret)' : JSON.stringify(value);
}

const POSITIONAL = /^ARG([1-9]\d*)$/;

/** `$1`-style placeholders: parameters ARG1, ARG2, ... also reach bash as positional arguments. */
export function positionalArgs(values: Readonly<Record<string, string>>): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const match = POSITIONAL.exec(name);
    if (match) args[Number(match[1]) - 1] = value;
  }
  return Array.from(args, (v) => v ?? '');
}

/**
 * A step's script for a dry run: each environment reference to a parameter (`$NAME`, `${NAME}`,
 * `$1`) shown as its value, secrets masked. For display only; a real run never splices values.
 */
export function renderForDisplay(script: string, shown: Readonly<Record<string, string>>): string {
  return script.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|\d+)\}|\$([A-Za-z_][A-Za-z0-9_]*|\d)/g, (whole, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    const key = /^\d+$/.test(name) ? `ARG${name}` : name;
    return Object.hasOwn(shown, key) ? shown[key]! : whole;
  });
}
