import type { ChannelType } from '../notify-types.ts';
import { emailChannel } from './email/index.ts';
import { pagerdutyChannel } from './pagerduty/index.ts';
import { slackChannel } from './slack/index.ts';
import { webhookChannel } from './webhook/index.ts';

// Each type's config is its own; callers go through the type's schema, so `any` stops at this map.
const all: ChannelType<any>[] = [webhookChannel, slackChannel, emailChannel, pagerdutyChannel];

/**
 * Every channel type by its YAML name. A new channel type is one folder under
 * src/notify/channels/ plus one line above; the config loader validates `channels:` blocks with
 * each type's `schema` and builds notifiers with its `create`.
 */
export const channelTypes: ReadonlyMap<string, ChannelType<any>> = new Map(all.map((t) => [t.name, t]));

export function findChannelType(name: string): ChannelType<any> | undefined {
  return channelTypes.get(name);
}
