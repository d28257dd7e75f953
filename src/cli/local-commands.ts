import path from 'node:path';
import type { Command } from 'commander';
import { isRole } from '../auth/index.ts';
import { TokenService } from '../auth/index.ts';
import { compileCheck, runCheck } from '../checks/index.ts';
import { formatConfigError, loadConfig, type Config } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { formatDuration, systemClock } from '../time/index.ts';

/** Loads the config or prints every problem and exits 1. */
export async function configOrExit(dir: string): Promise<Config> {
  const loaded = await loadConfig(path.resolve(dir));
  if (loaded.ok) return loaded.config;
  for (const e of loaded.errors) console.error(formatConfigError(e));
  console.error(`${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'} in ${dir}`);
  process.exit(1);
}

export function registerLocalCommands(program: Command): void {
  program.command('validate [dir]').description('check a config directory and print every problem as file:line:col').action(async (dir = '.') => {
    const config = await configOrExit(dir);
    const checks = config.services.reduce((n, s) => n + s.checks.length, 0);
    const alerts = config.services.reduce((n, s) => n + s.alerts.length, 0);
    const oncall = `${config.users.length} people, ${config.schedules.length} schedules, ${config.escalationPolicies.length} escalation policies, ${config.channels.length} channels`;
    console.log(`ok: ${config.services.length} services, ${checks} checks, ${alerts} alert rules, ${config.severities.length} severities, ${oncall}`);
  });

  program.command('check').description('run checks by hand').command('run <id>')
    .description('run one check now (<service>/<check>) and print each condition with its resolved value')
    .option('-c, --config <dir>', 'config directory', '.')
    .action(async (id: string, o: { config: string }) => {
      const config = await configOrExit(o.config);
      const def = config.services.flatMap((s) => s.checks).find((c) => c.id === id);
      if (!def) {
        const known = config.services.flatMap((s) => s.checks.map((c) => c.id));
        console.error(`no check "${id}"; expected one of: ${known.join(', ') || '(none defined)'}`);
        process.exit(1);
      }
      const check = compileCheck(def.id, def.type, def.typeConfig, def.expect, { timeoutMs: def.timeoutMs, intervalMs: def.intervalMs });
      const result = await runCheck(check, () => Date.now());
      console.log(`${result.ok ? 'PASS' : 'FAIL'} ${id} (${def.type}) in ${formatDuration(result.durationMs)}`);
      if (result.error) console.log(`  error: ${result.error}`);
      for (const c of result.conditions) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.text}`);
      process.exit(result.ok ? 0 : 1);
    });

  const tokens = program.command('tokens').description('manage API tokens (directly in the store of a config directory)')
    .option('-c, --config <dir>', 'config directory (its data_dir holds the SQLite store; DATABASE_URL selects PostgreSQL)', '.');
  const withService = async <T>(fn: (service: TokenService, store: Awaited<ReturnType<typeof openStore>>) => Promise<T>) => {
    const config = await configOrExit(tokens.opts().config);
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: config.server.dataDir });
    try {
      return await fn(new TokenService(store, systemClock), store);
    } finally {
      await store.close();
    }
  };
  tokens.command('create').description('create a token and print its secret (shown once)')
    .requiredOption('--role <role>', 'viewer, responder or admin').option('--name <name>', 'who or what it is for', 'cli')
    .action(async (o: { role: string; name: string }) => {
      if (!isRole(o.role)) {
        console.error(`--role: expected viewer, responder or admin, found "${o.role}"`);
        process.exit(1);
      }
      const { token, secret } = await withService((s) => s.create(o.name, o.role as 'viewer', `cli:${process.env.USER ?? 'unknown'}`));
      console.log(secret);
      console.error(`token ${token.id} "${token.name}" (${token.role}) created; the secret above is not shown again`);
    });
  tokens.command('list').action(async () => {
    const list = await withService((_s, store) => store.tokens.list());
    for (const t of list) console.log(`${String(t.id).padEnd(4)} ${t.role.padEnd(9)} ${t.revokedAt ? 'revoked' : 'active '} ${t.name}`);
  });
  tokens.command('revoke <id>').action(async (id: string) => {
    const ok = await withService((s) => s.revoke(Number(id), `cli:${process.env.USER ?? 'unknown'}`));
    if (!ok) {
      console.error(`no active token ${id}`);
      process.exit(1);
    }
    console.log(`token ${id} revoked`);
  });
}
