import type { ChannelType } from '../notify/notify-types.ts';

/**
 * The part of src/notify the loader needs: which channel types exist and
 * each one's schema. Passed in (index.ts passes the real registry) the way
 * CheckCatalog is, so the loader does not reach into src/notify itself and a
 * test can load with channel types of its own.
 */
export interface ChannelCatalog {
  // Each type's config is its own; the loader only hands it back to the type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  types: ReadonlyMap<string, ChannelType<any>>;
}

/** No channel types: every channel block is then an unknown type, never silently accepted. */
export const noChannels: ChannelCatalog = { types: new Map() };
