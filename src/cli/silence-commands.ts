import type { Command } from 'commander';
import type { NotificationRecord, SilenceRecord } from '../store/index.ts';
import { apiClient } from './api-client.ts';
import { utc } from './time-format.ts';

type SilenceView = SilenceRecord & { state: string; expiringSoon: boolean };

const matcherText = (s: SilenceRecord) => s.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(', ');

export function registerSilenceCommands(program: Command): void {
  const silences = program.command('silences').description('mute matching alerts for a while, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(silences.opts());

  silences.command('list').description('silences, newest first').option('--limit <n>', 'rows', '50').action(async (o) => {
    const { items, total } = await client()<{ items: SilenceView[]; total: number }>('GET', `/silences?limit=${encodeURIComponent(o.limit)}`);
    for (const s of items) {
      console.log(`#${String(s.id).padEnd(4)} ${s.state.padEnd(8)}${s.expiringSoon ? ' (ends soon)' : ''} ${utc(s.startsAt)} -> ${utc(s.endsAt)}  ${matcherText(s)}  by ${s.author}: ${s.comment}`);
    }
    console.log(`${items.length} of ${total}`);
  });
  silences.command('create').description('e.g. silences create -m service=payments -m "alertname=~down|latency" --duration 2h --comment "db migration"')
    .requiredOption('-m, --matcher <matcher>', 'label=value, label!=value, label=~regex or label!~regex (repeat)', (v: string, all: string[] = []) => [...all, v])
    .option('--duration <d>', 'how long, like 2h').option('--ends <time>', 'or when it ends').option('--starts <time>', 'when it starts (default now)')
    .requiredOption('--comment <text>', 'why (shown on every muted alert)')
    .action(async (o: { matcher: string[]; duration?: string; ends?: string; starts?: string; comment: string }) => {
      const { silence } = await client()<{ silence: SilenceView }>('POST', '/silences', {
        matchers: o.matcher, comment: o.comment, ...(o.duration ? { duration: o.duration } : {}), ...(o.ends ? { endsAt: o.ends } : {}), ...(o.starts ? { startsAt: o.starts } : {}),
      });
      console.log(`silence #${silence.id} ${silence.state} until ${utc(silence.endsAt)}: ${matcherText(silence)}`);
    });
  silences.command('expire <id>').description('end a silence now; held notifications resume').action(async (id: string) => {
    const { silence } = await client()<{ silence: SilenceView }>('DELETE', `/silences/${encodeURIComponent(id)}`);
    console.log(`silence #${silence.id} expired at ${utc(silence.endsAt)}`);
  });

  const notifications = program.command('notifications').description('the outbox: what was sent, what is pending, dead letters')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  notifications.command('list').option('--status <s>', 'pending, sent, dead or cancelled').option('--incident <id>').option('--limit <n>', 'rows', '50')
    .action(async (o: { status?: string; incident?: string; limit: string }) => {
      const params = new URLSearchParams({ limit: o.limit });
      if (o.status) params.set('status', o.status);
      if (o.incident) params.set('incident', o.incident);
      const { items, total, counts } = await apiClient(notifications.opts())<{ items: NotificationRecord[]; total: number; counts: Record<string, number> }>('GET', `/notifications?${params}`);
      for (const n of items) {
        console.log(`#${String(n.id).padEnd(5)} ${n.status.padEnd(9)} ${utc(n.createdAt)} ${n.channel.padEnd(24)} incident ${n.incidentId ?? '-'}  attempts ${n.attempts}${n.lastError ? `  last error: ${n.lastError}` : ''}`);
      }
      console.log(`${items.length} of ${total} (pending ${counts.pending}, sent ${counts.sent}, dead ${counts.dead}, cancelled ${counts.cancelled})`);
    });
}
