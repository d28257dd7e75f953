import { z } from 'zod';

/** Which subscriptions the status pages offer; both off unless turned on. */
export const subscriptionsSection = z
  .strictObject({
    /** Double opt-in by email; needs notifications.smtp (status-references.ts). */
    email: z.boolean().default(false),
    webhook: z.boolean().default(false),
  })
  .prefault({});
