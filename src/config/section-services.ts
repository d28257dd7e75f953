import { z } from 'zod';
import type { CheckCatalog } from './check-catalog.ts';
import { checkSchema } from './check-schema.ts';
import { alertSchema } from './alert-schema.ts';
import { id, text } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';

/** A thing that can be up or down: its checks, its alert rules, its status-page component. */
export function servicesSection(catalog: CheckCatalog) {
  const service = z.strictObject({
    /** Display name; the id when absent. */
    name: text.optional(),
    component: text.optional(),
    description: text.optional(),
    checks: z.record(id, checkSchema(catalog)).optional(),
    alerts: z.record(id, alertSchema).optional(),
  });
  return mapSection('service', service);
}
