import type { Command } from 'commander';
import { apiClient } from './api-client.ts';
import { utc } from './time-format.ts';

interface IntegrationView {
  id: string;
  type: string;
  service: string | null;
  routes: number;
  endpoint: string;
  keyEnv: string | null;
  keyEnvSet: boolean;
  keys: number;
  rateLimitPerMinute: number;
}
interface KeyView {
  id: number;
  integration: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

/** `opsdeck integrations list | key create <integration> | key list <integration> | key revoke <integration> <id>`, through the API. */
export function registerIntegrationCommands(program: Command): void {
  const integrations = program.command('integrations').description('Events API v2 and Alertmanager integrations and their routing keys, through the API')
    .option('--url <url>', 'Opsdeck URL (or OPSDECK_URL)').option('--token <token>', 'API token (or OPSDECK_TOKEN)');
  const client = () => apiClient(integrations.opts());

  integrations.command('list').description('integrations from the config, with how many keys each has').action(async () => {
    const { items } = await client()<{ items: IntegrationView[] }>('GET', '/integrations');
    for (const i of items) {
      const env = i.keyEnv === null ? '' : `  ${i.keyEnv}${i.keyEnvSet ? '' : ' (not set)'}`;
      const where = i.service ?? `${i.routes} route${i.routes === 1 ? '' : 's'}`;
      console.log(`${i.id.padEnd(20)} ${i.type.padEnd(13)} -> ${where.padEnd(16)} ${String(i.keys).padStart(3)} key${i.keys === 1 ? ' ' : 's'}${env}  ${i.rateLimitPerMinute}/min  ${i.endpoint}`);
    }
    if (items.length === 0) console.log('no integrations; add them under integrations: in the config');
  });

  const key = integrations.command('key').description('routing keys: create (shown once), list, revoke');
  key.command('create <integration>').description('make a routing key; it is printed once and stored only hashed').action(async (integration: string) => {
    const made = await client()<{ key: KeyView; routingKey: string; endpoint: string }>('POST', `/integrations/${encodeURIComponent(integration)}/keys`);
    console.log(made.routingKey);
    console.error(`key #${made.key.id} of ${integration}; send to ${made.endpoint}. It is not shown again: keep it now.`);
  });
  key.command('list <integration>').description('keys of an integration (never the keys themselves)').action(async (integration: string) => {
    const { items } = await client()<{ items: KeyView[] }>('GET', `/integrations/${encodeURIComponent(integration)}/keys`);
    for (const k of items) console.log(`#${String(k.id).padEnd(4)} made ${utc(k.createdAt)} by ${k.createdBy}${k.revokedAt === null ? '' : `, revoked ${utc(k.revokedAt)}`}`);
    if (items.length === 0) console.log(`no keys made for ${integration}`);
  });
  key.command('revoke <integration> <id>').description('senders using it get 404 from then on').action(async (integration: string, id: string) => {
    await client()('DELETE', `/integrations/${encodeURIComponent(integration)}/keys/${encodeURIComponent(id)}`);
    console.log(`key #${id} of ${integration} revoked`);
  });
}
