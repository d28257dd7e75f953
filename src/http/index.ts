export { createHttpServer } from './http-server.ts';
export type { HttpServerOptions } from './http-server.ts';
export type { ApiContext, ConfigStatus } from './api-context.ts';
export { ApiError } from './api-error.ts';
export { apiRoutes } from './routes/index.ts';
