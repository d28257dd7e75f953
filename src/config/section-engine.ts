import { z } from 'zod';
import { duration, interval } from './schema-fields.ts';
import { describeValue } from './value-describe.ts';

/** The fields on their own, defaults included, so the timeout-vs-interval check reads exactly what the schema would. */
export const engineFields = z.strictObject({
  concurrency: z
    .int({ error: (iss) => `expected a whole number of probes like 256, found ${describeValue(iss.input)}` })
    .min(1, { error: (iss) => `expected at least 1 probe at a time, found ${describeValue(iss.input)}` })
    .prefault(256),
  interval: interval().prefault('30s'),
  timeout: duration(1).prefault('10s'),
});

/** Defaults for every check, and how many probes may run at once. */
export const engineSection = engineFields.prefault({});
