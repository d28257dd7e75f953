import type { Config } from '../config/index.ts';
import type { IncidentService } from '../incidents/index.ts';
import type { OnCallDirectory } from '../oncall/index.ts';
import type { Store } from '../store/index.ts';
import { Subscriptions } from '../subscriptions/index.ts';
import type { Clock } from '../time/index.ts';
import { StatusUpdates } from './status-update-service.ts';
import { UpdateReminders } from './update-reminders.ts';

export interface CommunicationsDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  incidents: IncidentService;
  directory: OnCallDirectory;
  /** server.public_url, else the listen address (known after listen). */
  baseUrl: () => string;
  /** Wakes the delivery worker. */
  queued?: () => void;
}

/** The three parts of incident communications, built together from what the app already has. */
export function createCommunications(deps: CommunicationsDeps) {
  const { store, clock, config, queued } = deps;
  return {
    updates: new StatusUpdates({ store, clock, config, incidents: deps.incidents, consoleUrl: deps.baseUrl, publicUrl: deps.baseUrl, queued }),
    subscriptions: new Subscriptions({ store, clock, config, publicUrl: deps.baseUrl, queued }),
    reminders: new UpdateReminders({ store, clock, config, directory: deps.directory, consoleUrl: deps.baseUrl, queued }),
  };
}

export type Communications = ReturnType<typeof createCommunications>;
