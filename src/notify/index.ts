// The notify folder's door: channel types, the notifiers of a config, and the outbox's delivery worker.
export type { ChannelEnv, ChannelType, NotificationKind, NotificationMessage, Notifier, SendContext, SendOutcome } from './notify-types.ts';
export { channelTypes, findChannelType } from './channels/registry.ts';
export { buildNotifiers, configChannels, SEND_TIMEOUT_MS } from './notifier-set.ts';
export { createDeliveryWorker } from './delivery/index.ts';
export { noticeChannel } from './notice-channel.ts';
