import { Command } from 'commander';
import { registerChangeCommands } from './change-commands.ts';
import { registerHeartbeatCommands } from './heartbeat-commands.ts';
import { registerIncidentCommands } from './incident-commands.ts';
import { registerIntegrationCommands } from './integration-commands.ts';
import { registerLocalCommands } from './local-commands.ts';
import { registerMaintenanceCommands } from './maintenance-commands.ts';
import { registerOncallCommands } from './oncall-commands.ts';
import { registerPostmortemCommands } from './postmortem-commands.ts';
import { registerRunbookLintCommand } from './runbook-lint-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerRunbookRunCommand } from './runbook-run-command.ts';
import { registerRoutineCommands } from './routine-commands.ts';
import { registerSilenceCommands } from './silence-commands.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerUpdateCommands } from './update-commands.ts';

const program = new Command('opsdeck').description('Opsdeck: checks, alerts, incidents, on-call and notifications from a directory of config files').version('0.1.0');
registerServeCommand(program);
registerLocalCommands(program);
registerIncidentCommands(program);
registerOncallCommands(program);
registerSilenceCommands(program);
registerMaintenanceCommands(program);
registerChangeCommands(program);
registerIntegrationCommands(program);
registerUpdateCommands(program);
registerPostmortemCommands(program);
registerRunbookLintCommand(program);
registerImportCommand(program);
registerRunbookRunCommand(program);
registerHeartbeatCommands(program);
registerRoutineCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`opsdeck: ${(err as Error).message}`);
  process.exit(1);
}
