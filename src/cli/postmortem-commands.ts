import type { Command } from 'commander';
import type { ActionItem, Postmortem } from '../store/index.ts';
import { apiClient } from './api-client.ts';

interface PostmortemAnswer {
  postmortem: Postmortem;
  actions: ActionItem[];
  markdown: string;
}

const time = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + 'Z');

function printAction(a: ActionItem & { overdue?: boolean }): void {
  const state = a.doneAt !== null ? 'done' : a.overdue ? 'OVERDUE' : 'open';
  console.log(`#${String(a.id).padEnd(5)} ${state.padEnd(8)} due ${time(a.dueAt).padEnd(17)} incident #${String(a.incidentId).padEnd(5)} ${a.owner}: ${a.title}`);
}

/** `opsdeck postmortem create|show|export <incident>` and `opsdeck actions list|done`, through the API. */
export function registerPostmortemCommands(program: Command): void {
  const postmortem = program.command('postmortem').description('draft, show and export post-mortems through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const pm = () => apiClient(postmortem.opts());

  postmortem.command('create <incident>').description('draft the post-mortem of a resolved incident')
    .option('--regenerate', 'replace an existing post-mortem with a fresh draft')
    .action(async (incident: string, o: { regenerate?: boolean }) => {
      const answer = await pm()<PostmortemAnswer>('POST', `/incidents/${incident}/postmortem${o.regenerate ? '?regenerate=true' : ''}`, {});
      console.log(`post-mortem of incident #${incident} drafted (${answer.postmortem.body.split('\n').length} lines); edit it in the console or see it with \`opsdeck postmortem show ${incident}\``);
    });
  postmortem.command('show <incident>').description('state, action items and the Markdown').action(async (incident: string) => {
    const { postmortem: p, actions, markdown } = await pm()<PostmortemAnswer>('GET', `/incidents/${incident}/postmortem`);
    console.log(`incident #${p.incidentId}: ${p.state}, last edited by ${p.updatedBy} at ${time(p.updatedAt)}; ${actions.length} action item(s)`);
    console.log('');
    console.log(markdown);
  });
  postmortem.command('export <incident>').description('the Markdown only, for a file: opsdeck postmortem export 12 > pm-12.md')
    .action(async (incident: string) => {
      process.stdout.write((await pm()<PostmortemAnswer>('GET', `/incidents/${incident}/postmortem`)).markdown);
    });

  const actions = program.command('actions').description('post-mortem action items through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const act = () => apiClient(actions.opts());
  actions.command('list').description('every action item, oldest first').option('--overdue', 'only open items past their due time')
    .action(async (o: { overdue?: boolean }) => {
      const { items } = await act()<{ items: (ActionItem & { overdue: boolean })[] }>('GET', `/actions${o.overdue ? '?overdue=true' : ''}`);
      for (const a of items) printAction(a);
      console.log(`${items.length} action item(s)${o.overdue ? ' overdue' : ''}`);
    });
  actions.command('done <id>').description('mark an action item done').action(async (id: string) => {
    printAction((await act()<{ action: ActionItem }>('PATCH', `/actions/${id}`, { done: true })).action);
  });
}
