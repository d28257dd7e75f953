// The store's only door: open a store, and the types others code against.
export { openStore } from './open-store.ts';
export type { OpenStoreOptions } from './open-store.ts';
export type * from './ports.ts';
