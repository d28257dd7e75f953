import { z } from 'zod';
import { templateSchema } from '../../templates/index.ts';
import { blockError, withShorthand } from '../channel-schema.ts';

const address = z.email({ error: (issue) => `expected an email address like ops@example.com, found ${JSON.stringify(issue.input)}` });

const block = z.strictObject(
  {
    to: z.union([address, z.array(address).min(1, 'expected at least one address')]).transform((to) => (Array.isArray(to) ? to : [to])),
    template: templateSchema.optional(),
  },
  { error: blockError('an email address or a map with to:') },
);

/** `email: ops@example.com` or `email: { to: [a@x, b@x], template? }`; the server and sender come from notifications.smtp. */
export const emailSchema = withShorthand('to', block);

export type EmailConfig = z.output<typeof block>;
