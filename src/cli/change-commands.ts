import type { Command } from 'commander';
import type { ChangeEvent } from '../store/index.ts';
import { apiClient } from './api-client.ts';
import { utc } from './time-format.ts';

const repeat = (v: string, all: string[] = []) => [...all, v];

export function registerChangeCommands(program: Command): void {
  const changes = program.command('changes').description('deploys and other changes, shown on services and incidents, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(changes.opts());

  changes.command('add').description('e.g. changes add --service api --summary "deploy v1.4.2" --link https://ci.example.com/run/42 --source ci')
    .requiredOption('--summary <text>', 'what changed')
    .option('--service <id>', 'the service it changed (omit for a change to everything)')
    .option('--source <name>', 'where it came from (a CI system, a repository)')
    .option('--at <time>', 'when it happened (default now)')
    .option('--link <url>', 'a link to the run or the diff (repeat)', repeat)
    .action(async (o: { summary: string; service?: string; source?: string; at?: string; link?: string[] }) => {
      const { change } = await client()<{ change: ChangeEvent }>('POST', '/changes', {
        summary: o.summary, ...(o.service ? { service: o.service } : {}), ...(o.source ? { source: o.source } : {}),
        ...(o.at ? { timestamp: o.at } : {}), links: (o.link ?? []).map((href) => ({ href })),
      });
      console.log(`change #${change.id} at ${utc(change.at)} on ${change.service ?? 'every service'}: ${change.summary}`);
    });
  changes.command('list').description('changes, newest first').option('--service <id>').option('--limit <n>', 'rows', '50')
    .action(async (o: { service?: string; limit: string }) => {
      const params = new URLSearchParams({ limit: o.limit });
      if (o.service) params.set('service', o.service);
      const { items, total } = await client()<{ items: ChangeEvent[]; total: number }>('GET', `/changes?${params}`);
      for (const c of items) {
        const links = c.links.map((l) => `  ${l.href}`).join('');
        console.log(`#${String(c.id).padEnd(5)} ${utc(c.at)} ${(c.service ?? '*').padEnd(16)} ${c.summary}  (${c.source ?? c.origin})${links}`);
      }
      console.log(`${items.length} of ${total}`);
    });
}
