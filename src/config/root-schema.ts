import { z } from 'zod';
import type { CheckCatalog } from './check-catalog.ts';
import type { ChannelCatalog } from './channel-catalog.ts';
import { text, timezone } from './schema-fields.ts';
import { serverSection } from './section-server.ts';
import { storageSection } from './section-storage.ts';
import { engineSection } from './section-engine.ts';
import { severitiesSection } from './section-severities.ts';
import { servicesSection } from './section-services.ts';
import { usersSection } from './section-users.ts';
import { channelsSection } from './section-channels.ts';
import { schedulesSection } from './section-schedules.ts';
import { escalationPoliciesSection } from './section-escalation.ts';
import { notificationsSection } from './section-notifications.ts';
import { inhibitSection } from './section-inhibit.ts';
import { integrationsSection } from './section-integrations.ts';
import { datasourcesSection } from './section-datasources.ts';
import { statusPagesSection } from './section-status-pages.ts';
import { maintenanceSection } from './section-maintenance.ts';
import { templatesSection } from './section-templates.ts';
import { subscriptionsSection } from './section-subscriptions.ts';
import { heartbeatsSection } from './section-heartbeats.ts';
import { routinesSection } from './section-routines.ts';

/**
 * opsdeck.yaml, after included files are merged in. A new section is a
 * section-<name>.ts file plus one line here; sections made with mapSection()
 * may also be written in included files.
 */
export function rootSchema(catalog: CheckCatalog, channels: ChannelCatalog) {
  return z.strictObject({
    organization: text.min(1, { error: 'expected the organization name, found an empty string' }),
    timezone: timezone.default('UTC'),
    include: z.array(text).optional(),
    server: serverSection,
    storage: storageSection,
    engine: engineSection,
    severities: severitiesSection,
    services: servicesSection(catalog),
    users: usersSection(channels),
    schedules: schedulesSection,
    escalation_policies: escalationPoliciesSection,
    channels: channelsSection(channels),
    notifications: notificationsSection,
    inhibit: inhibitSection,
    integrations: integrationsSection,
    datasources: datasourcesSection,
    status_pages: statusPagesSection,
    maintenance: maintenanceSection,
    templates: templatesSection,
    subscriptions: subscriptionsSection,
    heartbeats: heartbeatsSection,
    routines: routinesSection,
  });
}

export type RootSchema = ReturnType<typeof rootSchema>;
export type ParsedRoot = z.output<RootSchema>;
