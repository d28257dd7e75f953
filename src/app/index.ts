export { startOpsdeck, ConfigInvalidError } from './opsdeck-app.ts';
export type { Opsdeck, OpsdeckOptions } from './opsdeck-app.ts';
export { createLogger } from './logger.ts';
