import type { Command } from 'commander';
import type { Incident, TimelineEvent } from '../incidents/index.ts';
import { apiClient } from './api-client.ts';

const time = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z');

function printIncident(i: Incident): void {
  console.log(`#${i.id} [${i.severity}] ${i.status}  ${i.title}`);
  console.log(`  service ${i.service ?? '-'}  opened ${time(i.openedAt)}  acknowledged ${time(i.acknowledgedAt)}  resolved ${time(i.resolvedAt)}`);
  console.log(`  respond by ${time(i.respondBy)}${i.respondBreachedAt ? ' (missed)' : ''}  resolve by ${time(i.resolveBy)}${i.resolveBreachedAt ? ' (missed)' : ''}`);
}

export function registerIncidentCommands(program: Command): void {
  const incidents = program.command('incidents').description('list and act on incidents through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(incidents.opts());

  incidents.command('list').description('incidents, newest first')
    .option('--status <status>', 'open, resolved, all, or one status', 'open').option('--severity <id>').option('--service <id>')
    .option('-q, --search <text>').option('--limit <n>', 'rows', '50')
    .action(async (o) => {
      const params = new URLSearchParams({ status: o.status, limit: o.limit });
      if (o.severity) params.set('severity', o.severity);
      if (o.service) params.set('service', o.service);
      if (o.search) params.set('q', o.search);
      const { items, total } = await client()<{ items: Incident[]; total: number }>('GET', `/incidents?${params}`);
      for (const i of items) console.log(`#${String(i.id).padEnd(5)} ${i.severity.padEnd(4)} ${i.status.padEnd(13)} ${time(i.openedAt)}  ${i.title}`);
      console.log(`${items.length} of ${total}`);
    });
  incidents.command('show <id>').description('an incident and its timeline').action(async (id) => {
    const { incident, timeline } = await client()<{ incident: Incident; timeline: TimelineEvent[] }>('GET', `/incidents/${id}`);
    printIncident(incident);
    for (const e of timeline) console.log(`  ${time(e.at)}  ${e.kind.padEnd(8)} ${e.actor}: ${e.message}`);
  });
  incidents.command('ack <id>').description('acknowledge').action(async (id) => {
    printIncident((await client()<{ incident: Incident }>('POST', `/incidents/${id}/acknowledge`, {})).incident);
  });
  incidents.command('resolve <id>').description('resolve').action(async (id) => {
    printIncident((await client()<{ incident: Incident }>('POST', `/incidents/${id}/resolve`, {})).incident);
  });
  incidents.command('reassign <id>').description('page someone else, or follow another escalation policy from its first level')
    .option('--user <id>').option('--policy <id>')
    .action(async (id: string, o: { user?: string; policy?: string }) => {
      if (Boolean(o.user) === Boolean(o.policy)) throw new Error('give exactly one of --user <id> or --policy <id>');
      printIncident((await client()<{ incident: Incident }>('POST', `/incidents/${id}/reassign`, o.user ? { user: o.user } : { policy: o.policy })).incident);
    });
  incidents.command('note <id> <message...>').description('add a note to the timeline').action(async (id, words: string[]) => {
    await client()('POST', `/incidents/${id}/notes`, { message: words.join(' ') });
    console.log(`note added to #${id}`);
  });
}
