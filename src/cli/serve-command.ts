import path from 'node:path';
import type { Command } from 'commander';
import { ConfigInvalidError, startOpsdeck } from '../app/index.ts';

export function registerServeCommand(program: Command): void {
  program.command('serve [dir]').description('run Opsdeck on a config directory (SIGHUP or a file change reloads it)')
    .option('--listen <host:port>', 'override server.listen')
    .action(async (dir = '.', o: { listen?: string }) => {
      const listen = o.listen ? { host: o.listen.replace(/:\d+$/, ''), port: Number(o.listen.split(':').pop()) } : undefined;
      let app;
      try {
        app = await startOpsdeck({ configDir: path.resolve(dir), databaseUrl: process.env.DATABASE_URL, listen });
      } catch (err) {
        if (err instanceof ConfigInvalidError) {
          for (const line of err.errors) console.error(line);
          console.error(`refusing to start: ${err.errors.length} config problem${err.errors.length === 1 ? '' : 's'} (run \`opsdeck validate ${dir}\`)`);
          process.exit(1);
        }
        throw err;
      }
      // Printed plainly (not only as JSON log) so a person starting it sees where to go, as Jupyter does.
      const signIn = app.bootstrapSecret ? `${app.url}/#token=${app.bootstrapSecret}` : app.url;
      process.stderr.write(`\nOpsdeck is running. Console: ${signIn}\n${app.bootstrapSecret ? '(first start: that link signs you in as admin; it is shown only once)\n' : ''}\n`);
      process.on('SIGHUP', () => void app.reload());
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await app.stop();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
