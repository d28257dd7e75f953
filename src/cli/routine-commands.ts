import type { Command } from 'commander';
import { apiClient } from './api-client.ts';
import { utc } from './time-format.ts';

interface ItemView { index: number; text: string; doneAt: number | null; doneBy: string | null; note: string | null }
interface TaskView {
  id: number; routine: string; routineTitle: string | null; kind: 'runbook' | 'checklist'; state: string; scheduledAt: number; dueAt: number | null;
  completedAt: number | null; assignee: string | null; missed: number; runId: string | null; outcome: string | null; items: ItemView[];
}
interface RoutineView { id: string; title: string; schedule: string; timezone: string; kind: string; assign: string | null; severity: string; next: number | null; lastTask: TaskView | null }

const progress = (t: TaskView) => (t.kind === 'checklist' ? `${t.items.filter((i) => i.doneAt !== null).length}/${t.items.length}` : `run ${t.runId ?? '-'}`);

function taskLine(t: TaskView): string {
  const due = t.dueAt === null ? '' : `  due ${utc(t.dueAt)}`;
  const missed = t.missed > 0 ? `  (${t.missed} earlier occurrence${t.missed === 1 ? '' : 's'} missed while Opsdeck was down)` : '';
  return `#${t.id}  ${t.state.padEnd(9)} ${t.routine}  ${utc(t.scheduledAt)}${due}  ${progress(t)}  ${t.assignee ?? 'unassigned'}${missed}`;
}

function printTask(t: TaskView): void {
  console.log(taskLine(t));
  if (t.kind === 'runbook') console.log(`  run ${t.runId ?? '-'}: ${t.outcome ?? 'not started'}`);
  for (const item of t.items) {
    const done = item.doneAt === null ? '[ ]' : '[x]';
    const by = item.doneAt === null ? '' : `  ${item.doneBy} ${utc(item.doneAt)}${item.note ? ` — ${item.note}` : ''}`;
    console.log(`  ${done} ${item.index}. ${item.text}${by}`);
  }
}

export function registerRoutineCommands(program: Command): void {
  const routines = program.command('routines').description('routines and their tasks: list, show, tick checklist items, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(routines.opts());

  routines.command('list').description('the routines of the config, their next occurrence and newest task').action(async () => {
    const { items } = await client()<{ items: RoutineView[] }>('GET', '/routines');
    for (const r of items) {
      console.log(`${r.id}  "${r.title}"  ${r.kind}  ${r.schedule} (${r.timezone})  next ${utc(r.next)}  ${r.assign ?? 'unassigned'}  ${r.severity}`);
      if (r.lastTask) console.log(`  last: ${taskLine(r.lastTask)}`);
    }
    console.log(`${items.length} routine${items.length === 1 ? '' : 's'}`);
  });
  routines.command('tasks').description('tasks, newest first').option('--routine <id>').option('--open', 'only open ones').option('--done', 'only finished ones')
    .option('--limit <n>', 'how many', '50')
    .action(async (o: { routine?: string; open?: boolean; done?: boolean; limit: string }) => {
      if (o.open && o.done) throw new Error('--open and --done both given; pass one, or neither for all');
      const params = new URLSearchParams({ limit: o.limit, state: o.open ? 'open' : o.done ? 'done' : 'all' });
      if (o.routine) params.set('routine', o.routine);
      const { items, total } = await client()<{ items: TaskView[]; total: number }>('GET', `/routine-tasks?${params}`);
      for (const t of items) console.log(taskLine(t));
      console.log(`${items.length} of ${total} task${total === 1 ? '' : 's'}`);
    });
  routines.command('show <task>').description('a task with its items, who ticked them and their notes').action(async (id: string) => {
    printTask((await client()<{ task: TaskView }>('GET', `/routine-tasks/${encodeURIComponent(id)}`)).task);
  });
  routines.command('tick <task> <item>').description('tick a checklist item (0-based, as `show` numbers them)').option('--note <text>', 'what you found')
    .action(async (id: string, item: string, o: { note?: string }) => {
      const { task } = await client()<{ task: TaskView }>('POST', `/routine-tasks/${encodeURIComponent(id)}/items/${encodeURIComponent(item)}`, o.note ? { note: o.note } : {});
      printTask(task);
    });
}
