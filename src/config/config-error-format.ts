import type { ConfigError } from './config-types.ts';

/** `opsdeck.yaml:12:7: services.api.checks.health.every: expected a duration ..., found "5 minutes"`: the shape editors and CI annotate. */
export function formatConfigError(error: ConfigError): string {
  const where = `${error.file}:${error.line}:${error.column}`;
  return error.path ? `${where}: ${error.path}: ${error.message}` : `${where}: ${error.message}`;
}
