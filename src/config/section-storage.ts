import { z } from 'zod';
import { duration } from './schema-fields.ts';

/** The fields on their own, defaults included, so the alert-window check reads exactly what the schema would. */
export const retentionFields = z.strictObject({
  raw: duration(60_000).prefault('1h'),
  minutes: duration(60_000).prefault('24h'),
  hours: duration(3_600_000).prefault('90d'),
});

/** How long check results are kept at each resolution before rollup deletes them. */
export const storageSection = z
  .strictObject({
    retention: retentionFields.prefault({}),
  })
  .prefault({});
