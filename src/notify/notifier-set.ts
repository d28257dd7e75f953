import type { ChannelDef, Config } from '../config/index.ts';
import { findChannelType } from './channels/registry.ts';
import type { Notifier } from './notify-types.ts';

/** How long one send may take before it counts as a retryable failure. */
export const SEND_TIMEOUT_MS = 10_000;

/** Every channel of the config, named channels and people's contact methods alike, by ChannelDef id. */
export function configChannels(config: Config): ChannelDef[] {
  return [...config.channels, ...config.users.flatMap((u) => u.contacts)];
}

/**
 * One notifier per channel, built once per config load. The config loader has already validated
 * every block with its type's schema, so an unknown type here is a programming error.
 */
export function buildNotifiers(config: Config, env: Readonly<Record<string, string | undefined>>): Map<string, Notifier> {
  const notifiers = new Map<string, Notifier>();
  for (const channel of configChannels(config)) {
    const type = findChannelType(channel.type);
    if (!type) throw new Error(`channel ${channel.id}: no channel type "${channel.type}" is registered`);
    notifiers.set(channel.id, type.create(channel.typeConfig, { smtp: config.notifications.smtp, env, timeoutMs: SEND_TIMEOUT_MS }));
  }
  return notifiers;
}
