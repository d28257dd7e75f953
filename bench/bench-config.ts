import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fleet, type FleetShape } from './bench-fleet.ts';

export interface BenchConfigOptions {
  shape: FleetShape;
  targetBase: string;
  dataDir: string;
  /** storage.retention.raw, e.g. "2m", and the same in ms. */
  rawRetention: string;
  rawRetentionMs: number;
  concurrency: number;
  /** Services per included file; a large fleet is split the way a real one would be. */
  servicesPerFile?: number;
}

const SECONDS = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/**
 * Writes an opsdeck config directory for the fleet: every check an http check
 * against the target with `every` set and one condition, one alert rule per
 * service on its first check. Flow-style YAML keeps 50,000 checks to one line each.
 */
export function writeBenchConfig(dir: string, opts: BenchConfigOptions): { files: number; services: number } {
  mkdirSync(dir, { recursive: true });
  const services = fleet(opts.shape);
  const perFile = opts.servicesPerFile ?? 1000;
  const every = SECONDS(opts.shape.intervalMs);
  // The rule waits two runs (within what raw retention keeps, as the loader demands).
  const alertFor = SECONDS(Math.min(2 * opts.shape.intervalMs, opts.rawRetentionMs));
  const includes: string[] = [];
  for (let from = 0; from < services.length; from += perFile) {
    const name = `services-${String(includes.length + 1).padStart(3, '0')}.yaml`;
    const lines = ['services:'];
    for (const service of services.slice(from, from + perFile)) {
      lines.push(`  ${service.id}:`, `    name: "${service.name}"`, `    component: "${service.component}"`, '    checks:');
      for (const check of service.checks) {
        lines.push(`      ${check.check}: { http: { url: "${opts.targetBase}${check.path}" }, every: ${every}, expect: ["[STATUS] == 200"] }`);
      }
      lines.push('    alerts:', `      down: { when: "c0 failing for ${alertFor}", severity: P2 }`);
    }
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    includes.push(name);
  }
  const main = [
    'organization: Opsdeck benchmark',
    'timezone: UTC',
    // The listen address is overridden by the harness (port 0).
    `server: { data_dir: ${JSON.stringify(opts.dataDir)} }`,
    `engine: { concurrency: ${opts.concurrency}, interval: ${every}, timeout: ${SECONDS(Math.min(10_000, opts.shape.intervalMs))} }`,
    `storage: { retention: { raw: ${opts.rawRetention} } }`,
    'severities:',
    '  P1: { name: Critical, respond_within: 15m, resolve_within: 4h }',
    '  P2: { name: High, respond_within: 1h, resolve_within: 24h }',
    `include: [${includes.join(', ')}]`,
  ];
  writeFileSync(join(dir, 'opsdeck.yaml'), `${main.join('\n')}\n`);
  return { files: includes.length + 1, services: services.length };
}
