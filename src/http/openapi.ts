import { z } from 'zod';
import type { RouteDef } from './route-def.ts';

/** The OpenAPI 3.1 document, generated from the same route list the server registers. */
export function openApiDocument(routes: readonly RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of routes) {
    const path = `/api/v1${def.path.replace(/:(\w+)/g, '{$1}')}`;
    const pathParams = [...def.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = def.query ? queryParameters(def.query) : [];
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = {
      summary: def.summary,
      description: `Requires a token with role ${def.role} or higher.`,
      security: [{ bearer: [] }],
      parameters: [...pathParams, ...queryParams],
      ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(def.body, { io: 'input' }) } } } } : {}),
      responses: {
        200: { description: 'OK' },
        400: { description: 'Malformed request: `{ error, field }`' },
        401: { description: 'No or unknown token' },
        403: { description: 'The token\'s role is too low' },
        404: { description: 'Not found' },
        409: { description: 'Not possible in the current state' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Opsdeck API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

function queryParameters(schema: z.ZodType): unknown[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}
