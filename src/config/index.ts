/** The only door into config: load a directory, watch it, and the one Config type. */
import { checkTypes, parseCondition, placeholdersFor } from '../checks/index.ts';
import { channelTypes } from '../notify/channels/registry.ts';
import type { CheckCatalog } from './check-catalog.ts';
import type { ChannelCatalog } from './channel-catalog.ts';
import type { ConfigLoad } from './config-types.ts';
import { loadConfigWith } from './config-load.ts';

export type { Config, Severity, ServiceDef, CheckDef, AlertRuleDef, ConfigError, ConfigLoad } from './config-types.ts';
export type {
  UserDef, NotificationRuleDef, ChannelDef, ScheduleDef, LayerDef, RestrictionDef, OverrideDef, TargetRef,
  EscalationPolicyDef, EscalationLevelDef, NotificationSettings, SmtpSettings, InhibitRuleDef,
} from './config-types.ts';
export type { IntegrationDef, IntegrationRouteDef } from './config-types.ts';
export type { DatasourceDef, QueryRuleDef } from './config-types.ts';
export type { StatusPageDef, ComponentDef, MaintenanceDef, TemplateDef, SubscriptionSettings } from './config-types.ts';
export type { HeartbeatDef } from './config-types.ts';
export type { RunbookDef, RunbookParamDef, RunbookStepDef } from './config-types.ts';
export type { RoutineDef } from './config-types.ts';
export { DEFAULT_TEMPLATES } from './default-templates.ts';
export { contactId } from './oncall-resolve.ts';
export { formatConfigError } from './config-error-format.ts';
export { watchConfig } from './config-watch.ts';
export type { ConfigWatch } from './config-watch.ts';

const builtinChecks: CheckCatalog = { types: checkTypes, placeholdersFor, parseCondition };
const builtinChannels: ChannelCatalog = { types: channelTypes };

/** Reads `<dir>/opsdeck.yaml` and its includes; either a Config or every problem found, positioned. */
export function loadConfig(dir: string): Promise<ConfigLoad> {
  return loadConfigWith(dir, builtinChecks, builtinChannels);
}
