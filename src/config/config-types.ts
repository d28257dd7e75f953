import type { WhenCondition } from '../rules/when.ts';
import type { Condition } from '../checks/index.ts';

/**
 * The one resolved configuration every other module reads. Durations are in
 * milliseconds, references are full ids ("<service>/<check>"), paths are
 * absolute, defaults are filled in: nothing downstream parses or guesses.
 */
export interface Config {
  /** Absolute path of the config directory. */
  directory: string;
  organization: string;
  timezone: string;
  server: { host: string; port: number; publicUrl: string | null; dataDir: string };
  retention: { rawMs: number; minuteMs: number; hourMs: number };
  engine: { concurrency: number; intervalMs: number; timeoutMs: number };
  /** In file order (opsdeck.yaml first, then included files in include order). */
  severities: Severity[];
  services: ServiceDef[];
}

export interface Severity {
  id: string;
  name: string;
  respondWithinMs: number | null;
  resolveWithinMs: number | null;
  updateEveryMs: number | null;
}

export interface ServiceDef {
  id: string;
  name: string;
  component: string | null;
  description: string | null;
  checks: CheckDef[];
  alerts: AlertRuleDef[];
}

export interface CheckDef {
  /** "<service>/<check>" */
  id: string;
  service: string;
  name: string;
  /** The check type's name, a key of the check type registry. */
  type: string;
  /** The type's own block as its zod schema parsed it; hand it to the type's create(). */
  typeConfig: unknown;
  intervalMs: number;
  timeoutMs: number;
  /** As written (or the type's defaults), for display. */
  expect: string[];
  /** `expect` parsed once at load, index for index, so a probe run never re-parses text. */
  conditions: Condition[];
}

export interface AlertRuleDef {
  /** "<service>/<rule>" */
  id: string;
  service: string;
  name: string;
  /** As written, for display. */
  when: string;
  /** Parsed `when`, with `check` resolved to a full check id. */
  condition: WhenCondition;
  /** A severity id, checked to exist. */
  severity: string;
  /** Relative to the config directory, as written. */
  runbook: string | null;
  autoResolve: boolean;
  cooldownMs: number;
  summary: string | null;
}

/** One problem found while loading; positions are 1-based, file is relative to the config directory. */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  /** Dotted path to the offending value: services.api.checks.health.every, include[1]. */
  path: string;
  message: string;
}

/** `files` lists every file read, relative to the directory, so a watcher knows what to watch even after a failure. */
export type ConfigLoad =
  | { ok: true; config: Config; files: string[] }
  | { ok: false; errors: ConfigError[]; files: string[] };
