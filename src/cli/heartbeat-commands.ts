import type { Command } from 'commander';
import { formatDuration } from '../time/index.ts';
import { apiClient } from './api-client.ts';
import { utc } from './time-format.ts';

export interface HeartbeatView {
  id: string;
  name: string;
  service: string;
  schedule: { kind: 'cron'; expr: string; timezone: string } | { kind: 'period'; everyMs: number };
  graceMs: number;
  pingUrl: string | null;
  status: 'new' | 'up' | 'down';
  lastPingAt: number | null;
  lastPingKind: string | null;
  deadline: number | null;
  summary: string | null;
  lastDurationMs: number | null;
}

const CURL = 'curl -fsS -m 10 --retry 5 -o /dev/null';

/** A crontab schedule for a period: the nearest plain one, so the pasted line pings in time. */
function cronForPeriod(everyMs: number): string | null {
  const minutes = everyMs / 60_000;
  if (Number.isInteger(minutes) && minutes < 60 && 60 % minutes === 0) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  if (minutes === 60) return '0 * * * *';
  if (Number.isInteger(minutes / 60) && minutes < 1440 && 24 % (minutes / 60) === 0) return `0 */${minutes / 60} * * *`;
  if (minutes === 1440) return '0 0 * * *';
  return null;
}

/**
 * The lines to paste into a crontab: the plain form (ping when the job succeeded), and the full
 * form that sends start, the job's exit status and its output (the run's log), paired by rid.
 * `$?` after `out=$(...)` is the job's own exit status.
 */
export function crontabSnippet(h: HeartbeatView, command = '/path/to/job.sh'): string {
  if (h.pingUrl === null) throw new Error(`the ping URL of ${h.id} is only shown to responders and admins; use a token with one of those roles`);
  const when = h.schedule.kind === 'cron' ? h.schedule.expr : cronForPeriod(h.schedule.everyMs) ?? '<m h dom mon dow>';
  const expects = h.schedule.kind === 'cron'
    ? `cron "${h.schedule.expr}" in ${h.schedule.timezone}`
    : `at least every ${formatDuration(h.schedule.everyMs)}`;
  const zone = h.schedule.kind === 'cron' && h.schedule.timezone !== 'UTC'
    ? [`# Opsdeck expects runs in ${h.schedule.timezone}; cron uses the machine's zone unless told (cronie: CRON_TZ=${h.schedule.timezone}).`]
    : [];
  return [
    `# ${h.name} (${h.id}): Opsdeck expects a ping ${expects}, grace ${formatDuration(h.graceMs)}.`,
    ...zone,
    '# Ping when the job succeeds:',
    `${when} ${command} && ${CURL} ${h.pingUrl}`,
    '',
    '# Or report the start, the exit status and the output (kept as the run\'s log; its duration is measured):',
    `${when} rid=$(cat /proc/sys/kernel/random/uuid); ${CURL} "${h.pingUrl}/start?rid=$rid"; out=$(${command} 2>&1); ${CURL} --data-binary "$out" "${h.pingUrl}/$??rid=$rid"`,
  ].join('\n');
}

/** `opsdeck heartbeat list | snippet <name>`, through the API. */
export function registerHeartbeatCommands(program: Command): void {
  const heartbeat = program.command('heartbeat').description('heartbeats: jobs that ping Opsdeck, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(heartbeat.opts());

  heartbeat.command('list').description('every heartbeat with its status, last ping and deadline').action(async () => {
    const { items } = await client()<{ items: HeartbeatView[] }>('GET', '/heartbeats');
    for (const h of items) {
      const last = h.lastPingAt === null ? 'never pinged' : `last ${h.lastPingKind} ${utc(h.lastPingAt)}`;
      const next = h.status === 'down' ? (h.summary ?? '') : `down at ${utc(h.deadline)} unless pinged`;
      const took = h.lastDurationMs === null ? '' : `  last run ${formatDuration(Math.round(h.lastDurationMs / 1000) * 1000 || 1000)}`;
      console.log(`${h.id.padEnd(20)} ${h.status.toUpperCase().padEnd(4)}  ${last}  ${next}${took}`);
    }
    if (items.length === 0) console.log('no heartbeats; add them under heartbeats: in the config');
  });

  heartbeat.command('snippet <name>').description('the crontab lines that ping this heartbeat').option('--command <cmd>', 'the job to run', '/path/to/job.sh').action(async (name: string, options: { command: string }) => {
    const { heartbeat: h } = await client()<{ heartbeat: HeartbeatView }>('GET', `/heartbeats/${encodeURIComponent(name)}`);
    console.log(crontabSnippet(h, options.command));
  });
}
