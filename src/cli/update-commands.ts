import type { Command } from 'commander';
import type { UpdateCadence } from '../comms/index.ts';
import type { TemplateDef } from '../config/index.ts';
import type { StatusUpdate } from '../store/index.ts';
import { apiClient } from './api-client.ts';

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + 'Z';

function printUpdate(u: StatusUpdate): void {
  const where = u.components.length > 0 ? `  [${u.components.join(', ')}]` : '';
  console.log(`${time(u.at)}  ${u.visibility.padEnd(8)} ${u.status.padEnd(13)} ${u.author}${where}`);
  for (const line of u.message.split('\n')) console.log(`    ${line}`);
}

function printCadence(cadence: UpdateCadence | null): void {
  if (!cadence) return;
  console.log(cadence.overdueSince !== null ? `public update OVERDUE since ${time(cadence.overdueSince)}` : `next public update due ${time(cadence.dueAt)}`);
}

export function registerUpdateCommands(program: Command): void {
  const updates = program.command('updates').description('status updates on incidents, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(updates.opts());

  updates.command('post <incident>').description('post an update: --message text, or --template id filled in from the incident')
    .option('--public', 'shown on status pages and sent to subscribers').option('--internal', 'for the team only (the default)')
    .option('--message <text>').option('--template <id>')
    .option('--status <status>', 'also set the incident to investigating, identified, monitoring or resolved')
    .option('--component <id...>', 'components it concerns (default: those of the incident\'s service)')
    .action(async (incident: string, o: { public?: boolean; internal?: boolean; message?: string; template?: string; status?: string; component?: string[] }) => {
      if (o.public && o.internal) throw new Error('give --public or --internal, not both');
      if (!o.message && !o.template) throw new Error('give --message "<text>" or --template <id> (list them with `opsdeck updates templates`)');
      const body = { visibility: o.public ? 'public' : 'internal', message: o.message, template: o.template, status: o.status, components: o.component };
      const answer = await client()<{ update: StatusUpdate; notified: number }>('POST', `/incidents/${incident}/updates`, body);
      printUpdate(answer.update);
      if (answer.update.visibility === 'public') console.log(`queued for ${answer.notified} subscriber${answer.notified === 1 ? '' : 's'}`);
    });
  updates.command('list <incident>').description('an incident\'s updates, oldest first, and when the next public one is due').action(async (incident: string) => {
    const { items, cadence } = await client()<{ items: StatusUpdate[]; cadence: UpdateCadence | null }>('GET', `/incidents/${incident}/updates`);
    for (const u of items) printUpdate(u);
    if (items.length === 0) console.log('no updates yet');
    printCadence(cadence);
  });
  updates.command('preview <incident>').description('a template filled in for the incident').requiredOption('--template <id>').action(async (incident: string, o: { template: string }) => {
    console.log((await client()<{ text: string }>('POST', `/incidents/${incident}/updates/preview`, { template: o.template })).text);
  });
  updates.command('templates').description('the communication templates').action(async () => {
    const { items } = await client()<{ items: TemplateDef[] }>('GET', '/templates');
    for (const t of items) console.log(`${t.id.padEnd(20)} ${t.audience.padEnd(9)} ${t.title}`);
  });
}
