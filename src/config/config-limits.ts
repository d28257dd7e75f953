import type { z } from 'zod';
import { formatDuration } from '../time/index.ts';
import { parseWhen } from '../rules/when.ts';
import type { Problem } from './source-map.ts';
import { engineFields } from './section-engine.ts';
import { retentionFields } from './section-storage.ts';
import { checkTimingFields } from './check-schema.ts';
import { describeValue, mapOrEmpty as entries } from './value-describe.ts';

const OVERLAP = 'a check whose timeout is longer than its interval would overlap itself';

/**
 * Limits that span fields: a check's timeout against its interval (either
 * may come from engine defaults), and alert windows against how long raw
 * results are kept. Like the references, read from the tree as written so
 * they are reported alongside every other problem. Each limit is checked
 * only when the values it compares are valid (read with the schema's own
 * field schemas, defaults included): bad values are the schema's to
 * report, and comparing against a guess would only add noise.
 */
export function checkLimits(tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const rawEngine = entries(root['engine']);
  const engine = { interval: valid(engineFields.shape.interval, rawEngine['interval']), timeout: valid(engineFields.shape.timeout, rawEngine['timeout']) };
  const keptMs = valid(retentionFields.shape.raw, entries(entries(root['storage'])['retention'])['raw']);

  if (engine.interval !== null && engine.timeout !== null && engine.timeout > engine.interval) {
    const { timeout, interval } = engine;
    problems.push(
      rawEngine['timeout'] !== undefined
        ? { path: ['engine', 'timeout'], target: 'value', message: overlap('timeout', rawEngine['timeout'], `engine.interval: ${formatDuration(interval)}`) }
        : { path: ['engine', 'interval'], target: 'value', message: overlap('interval', rawEngine['interval'], `engine.timeout: ${formatDuration(timeout)}`) },
    );
  }

  const validEvery = validReader(checkTimingFields.every);
  const validTimeout = validReader(checkTimingFields.timeout);
  for (const [serviceId, service] of Object.entries(entries(root['services']))) {
    for (const [checkId, check] of Object.entries(entries(entries(service)['checks']))) {
      const own = entries(check);
      const every = own['every'] === undefined ? undefined : validEvery(own['every']);
      const timeout = own['timeout'] === undefined ? undefined : validTimeout(own['timeout']);
      // Neither written: the engine defaults apply, and they were checked above.
      if (every === undefined && timeout === undefined) continue;
      const intervalMs = every === undefined ? engine.interval : every;
      const timeoutMs = timeout === undefined ? engine.timeout : timeout;
      if (intervalMs === null || timeoutMs === null || timeoutMs <= intervalMs) continue;
      const path = ['services', serviceId, 'checks', checkId];
      problems.push(
        timeout !== undefined
          ? { path: [...path, 'timeout'], target: 'value', message: overlap('timeout', own['timeout'], `${every !== undefined ? 'every' : 'engine.interval'}: ${formatDuration(intervalMs)}`) }
          : { path: [...path, 'every'], target: 'value', message: overlap('interval', own['every'], `engine.timeout: ${formatDuration(timeoutMs)}`) },
      );
    }
  }

  if (keptMs !== null) {
    for (const [serviceId, service] of Object.entries(entries(root['services']))) {
      for (const [alertId, alert] of Object.entries(entries(entries(service)['alerts']))) {
        const when = entries(alert)['when'];
        const parsed = typeof when === 'string' ? parseWhen(when) : null;
        if (!parsed?.ok || parsed.when.forMs <= keptMs) continue;
        problems.push({
          path: ['services', serviceId, 'alerts', alertId, 'when'],
          target: 'value',
          message: `a window of ${formatDuration(parsed.when.forMs)} needs that much raw history, but storage.retention.raw keeps ${formatDuration(keptMs)}; raise storage.retention.raw to at least ${formatDuration(parsed.when.forMs)} or shorten the window`,
        });
      }
    }
  }
  return problems;
}

/** The message for the side that is written: a timeout too long for its interval, or an interval too short for its timeout. */
function overlap(side: 'timeout' | 'interval', written: unknown, other: string): string {
  return side === 'timeout'
    ? `expected a timeout no longer than the interval (${other}), found ${describeValue(written)}; ${OVERLAP}`
    : `expected an interval at least as long as the timeout (${other}), found ${describeValue(written)}; ${OVERLAP}`;
}

/** The value as the schema reads it (default applied when absent), or null when the schema rejects it. */
function valid(field: z.ZodType<number | undefined, unknown>, value: unknown): number | null {
  const parsed = field.safeParse(value);
  return parsed.success && parsed.data !== undefined ? parsed.data : null;
}

/** valid(), once per distinct written value: thousands of checks write the same `every: 30s`. */
function validReader(field: z.ZodType<number | undefined, unknown>): (value: unknown) => number | null {
  const seen = new Map<unknown, number | null>();
  return (value) => {
    if (typeof value === 'object' && value !== null) return valid(field, value);
    let result = seen.get(value);
    if (result === undefined) {
      result = valid(field, value);
      seen.set(value, result);
    }
    return result;
  };
}
