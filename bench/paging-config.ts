import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PagingConfigOptions {
  services: number;
  intervalMs: number;
  /** The receiver: checks GET <base>/<service>/health?fail (503), the on-call user's webhook POSTs <base>/hook. */
  receiverBase: string;
  dataDir: string;
}

export const PAGING_USER = 'oncall';
/** The level's `after` and the user's rule delay in the config below: everything beyond it is the pipeline's. */
export const CONFIGURED_WAIT_MS = 0;

/**
 * An opsdeck config in which every service pages at once: one failing http check per service,
 * a P1 rule `when: "<check> failing"` (fires on the first failed run), and a default policy
 * whose only level notifies one user's webhook after 0s.
 */
export function writePagingConfig(dir: string, o: PagingConfigOptions): string[] {
  mkdirSync(dir, { recursive: true });
  const every = `${o.intervalMs / 1000}s`;
  const ruleIds: string[] = [];
  const lines = [
    'organization: Opsdeck paging benchmark',
    'timezone: UTC',
    `server: { data_dir: ${JSON.stringify(o.dataDir)} }`,
    `engine: { concurrency: 64, interval: ${every}, timeout: 1s }`,
    'severities:',
    '  P1: { name: Critical, respond_within: 15m, resolve_within: 4h }',
    'users:',
    `  ${PAGING_USER}: { name: On Call, contact: { webhook: "${o.receiverBase}/hook" } }`,
    'notifications: { default_policy: page }',
    'escalation_policies:',
    `  page: { levels: [ { after: 0s, notify: [user:${PAGING_USER}] } ] }`,
    'services:',
  ];
  const width = String(o.services).length;
  for (let i = 0; i < o.services; i++) {
    const id = `svc-${String(i).padStart(width, '0')}`;
    lines.push(
      `  ${id}:`,
      `    name: "Service ${i}"`,
      `    checks: { health: { http: { url: "${o.receiverBase}/${id}/health?fail" }, every: ${every}, expect: ["[STATUS] == 200"] } }`,
      `    alerts: { down: { when: "health failing", severity: P1, summary: "${id} is down" } }`,
    );
    ruleIds.push(`${id}/down`);
  }
  writeFileSync(join(dir, 'opsdeck.yaml'), `${lines.join('\n')}\n`);
  return ruleIds;
}
