import type { Migration } from '../migration.ts';
import { initial } from './001-initial.ts';
import { oncallDelivery } from './002-oncall-delivery.ts';
import { inbound } from './003-inbound.ts';
import { communications } from './004-communications.ts';
import { runbookRuns } from './005-runbook-runs.ts';
import { heartbeats } from './007-heartbeats.ts';
import { routineTasks } from './006-routine-tasks.ts';
import { alertTransitions } from './008-alert-transitions.ts';

/** Every SQLite migration, in order; a new one is a file here and a line in this list. */
export const sqliteMigrations: readonly Migration[] = [initial, oncallDelivery, inbound, communications, runbookRuns, routineTasks, heartbeats, alertTransitions];
