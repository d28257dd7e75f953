import type { Command } from 'commander';
import { apiClient } from './api-client.ts';
import { utc } from './time-format.ts';

interface OccurrenceView { window: string; start: number; end: number; scheduledEnd: number; state: string; changed: { kind: string; by: string } | null }
interface WindowView { id: string; title: string; schedule: string; services: string[]; occurrences: OccurrenceView[] }

const changedText = (o: OccurrenceView) => (o.changed ? `  (${o.changed.kind === 'extend' ? 'extended' : 'ended early'} by ${o.changed.by})` : '');

export function registerMaintenanceCommands(program: Command): void {
  const maintenance = program.command('maintenance').description('maintenance windows: list, declare one, end or extend an occurrence, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(maintenance.opts());

  maintenance.command('list').description('windows and their occurrences (default: from a day ago to 30 days ahead)')
    .option('--from <time>').option('--to <time>')
    .action(async (o: { from?: string; to?: string }) => {
      const params = new URLSearchParams();
      if (o.from) params.set('from', o.from);
      if (o.to) params.set('to', o.to);
      const { windows } = await client()<{ windows: WindowView[] }>('GET', `/maintenance?${params}`);
      for (const w of windows) {
        console.log(`${w.id}  "${w.title}"  ${w.schedule}  services: ${w.services.join(', ') || '-'}`);
        for (const occ of w.occurrences) console.log(`  ${occ.state.padEnd(8)} ${utc(occ.start)} -> ${utc(occ.end)}  start=${occ.start}${changedText(occ)}`);
      }
      console.log(`${windows.length} window${windows.length === 1 ? '' : 's'}`);
    });
  maintenance.command('create').description('e.g. maintenance create --title "DB failover" --start 2026-03-10T22:00 --lasts 1h -s db')
    .requiredOption('--title <text>').requiredOption('--start <time>', 'when it starts (local to --timezone, else the config\'s)')
    .option('--lasts <d>', 'elapsed, like 2h').option('--end <time>', 'or when it ends').option('--timezone <zone>')
    .option('-s, --service <id>', 'a service whose alerts it mutes (repeat)', (v: string, all: string[] = []) => [...all, v])
    .option('-c, --component <id>', 'a status-page component it covers (repeat)', (v: string, all: string[] = []) => [...all, v])
    .option('--message <text>', 'shown on the status page and in the announcement').option('--notice <d>', 'announce this long before it starts (default: now)')
    .action(async (o: { title: string; start: string; lasts?: string; end?: string; timezone?: string; service?: string[]; component?: string[]; message?: string; notice?: string }) => {
      const { occurrence } = await client()<{ occurrence: OccurrenceView }>('POST', '/maintenance', {
        title: o.title, start: o.start, ...(o.lasts ? { lasts: o.lasts } : {}), ...(o.end ? { end: o.end } : {}), ...(o.timezone ? { timezone: o.timezone } : {}),
        ...(o.service ? { services: o.service } : {}), ...(o.component ? { components: o.component } : {}),
        ...(o.message ? { message: o.message } : {}), ...(o.notice ? { notice: o.notice } : {}),
      });
      console.log(`${occurrence.window} ${occurrence.state} ${utc(occurrence.start)} -> ${utc(occurrence.end)}  start=${occurrence.start}`);
    });
  maintenance.command('end <window> <start>').description('end a running occurrence now (start: as `list` shows it, or an ISO time)').action(async (window: string, start: string) => {
    const { occurrence } = await client()<{ occurrence: OccurrenceView }>('POST', `/maintenance/${encodeURIComponent(window)}/${encodeURIComponent(start)}/end`, {});
    console.log(`${occurrence.window} ended at ${utc(occurrence.end)}`);
  });
  maintenance.command('extend <window> <start>').description('move the end later: --by 1h or --until <time>')
    .option('--by <d>').option('--until <time>')
    .action(async (window: string, start: string, o: { by?: string; until?: string }) => {
      const { occurrence } = await client()<{ occurrence: OccurrenceView }>('POST', `/maintenance/${encodeURIComponent(window)}/${encodeURIComponent(start)}/extend`, {
        ...(o.by ? { by: o.by } : {}), ...(o.until ? { until: o.until } : {}),
      });
      console.log(`${occurrence.window} now ends at ${utc(occurrence.end)}`);
    });
}
