import type { Command } from 'commander';
import { apiClient } from './api-client.ts';
import { local, utc } from './time-format.ts';

interface OnCallNow { user: string; name: string; from: number; to: number; source: string; layer: string | null }
interface ShiftRow { user: string | null; name: string | null; from: number; to: number; source: string | null; layer: string | null }

function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return defined.length ? `?${new URLSearchParams(defined)}` : '';
}

/**
 * `opsdeck oncall` asks the server, so what it prints includes overrides made at run time and is
 * computed by the very functions the pager uses; `--at` and `preview` read the same schedule.
 */
export function registerOncallCommands(program: Command): void {
  const oncall = program.command('oncall').description('who is on call (now, or --at a time), previews and overrides, through the API')
    .argument('[schedule]', 'one schedule (default: every schedule)')
    .option('--at <time>', 'an instant ("2026-12-24T17:00Z") or a time local to the schedule ("2026-12-24 17:00")')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)')
    .action(async (schedule: string | undefined, o: { at?: string }) => {
      const call = apiClient(oncall.opts());
      if (schedule) {
        const answer = await call<{ at: number; onCall: OnCallNow | null }>('GET', `/schedules/${encodeURIComponent(schedule)}/oncall${query({ at: o.at })}`);
        const now = answer.onCall;
        console.log(now
          ? `${schedule}: ${now.name} (${now.user}) from ${utc(now.from)} until ${utc(now.to)}${now.source === 'override' ? ' (override)' : now.layer ? ` (layer ${now.layer})` : ''}`
          : `${schedule}: nobody on call at ${utc(answer.at)}`);
        return;
      }
      const { at, items } = await call<{ at: number; items: { schedule: string; user: string | null; name: string | null; until: number | null }[] }>('GET', `/oncall${query({ at: o.at })}`);
      console.log(`on call at ${utc(at)}`);
      for (const i of items) console.log(`  ${i.schedule.padEnd(20)} ${i.user ? `${i.name} (${i.user}) until ${utc(i.until)}` : 'nobody'}`);
    });
  const client = () => apiClient(oncall.opts());

  oncall.command('preview <schedule>').description('a table of the final shifts, in the schedule\'s time zone')
    .option('--days <n>', 'how many days', '28').option('--from <time>', 'start (default now)')
    .action(async (schedule: string, o: { days: string; from?: string }) => {
      const answer = await client()<{ schedule: { id: string; timezone: string }; final: ShiftRow[]; overrides: { id: number | null; user: string; from: number; to: number; origin: string }[] }>(
        'GET', `/schedules/${encodeURIComponent(schedule)}/shifts${query({ days: o.days, from: o.from })}`);
      const zone = answer.schedule.timezone;
      console.log(`${'from'.padEnd(27)} ${'until'.padEnd(27)} on call`);
      for (const s of answer.final) {
        const who = s.user ? `${s.name} (${s.user})${s.source === 'override' ? ' [override]' : s.layer ? ` [${s.layer}]` : ''}` : '(nobody)';
        console.log(`${local(s.from, zone).padEnd(27)} ${local(s.to, zone).padEnd(27)} ${who}`);
      }
      if (answer.overrides.length) {
        console.log('overrides:');
        for (const ov of answer.overrides) console.log(`  ${ov.id === null ? 'config' : `#${ov.id}`.padEnd(6)} ${ov.user} ${local(ov.from, zone)} -> ${local(ov.to, zone)}`);
      }
    });

  oncall.command('override <schedule>').description('someone covers the schedule from one time to another')
    .requiredOption('--user <id>').requiredOption('--from <time>').requiredOption('--to <time>')
    .action(async (schedule: string, o: { user: string; from: string; to: string }) => {
      const { override } = await client()<{ override: { id: number; user: string; from: number; to: number } }>(
        'POST', `/schedules/${encodeURIComponent(schedule)}/overrides`, { user: o.user, from: o.from, to: o.to });
      console.log(`override #${override.id}: ${override.user} covers ${schedule} from ${utc(override.from)} until ${utc(override.to)}`);
    });
  oncall.command('unoverride <schedule> <id>').description('remove an override made through the API')
    .action(async (schedule: string, id: string) => {
      await client()('DELETE', `/schedules/${encodeURIComponent(schedule)}/overrides/${encodeURIComponent(id)}`);
      console.log(`override #${id} removed`);
    });
  oncall.command('feed <schedule>').description('the iCalendar feed URL to subscribe to')
    .action(async (schedule: string) => {
      console.log((await client()<{ url: string }>('GET', `/schedules/${encodeURIComponent(schedule)}/feed`)).url);
    });
}
