import { z } from 'zod';
import { duration, text } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';

/** P1..P4 with response targets; alerts name one, so a typo is a load error rather than a silent page. */
export const severity = z.strictObject({
  /** Display name; the id when absent. */
  name: text.optional(),
  respond_within: duration(1).optional(),
  resolve_within: duration(1).optional(),
  update_every: duration(60_000).optional(),
  /** An escalation policy id (checked after merging); an alert rule's own `escalation` wins. */
  escalation: text.optional(),
});

export const severitiesSection = mapSection('severity', severity);
