import { z } from 'zod';
import type { ChannelCatalog } from './channel-catalog.ts';
import { contactSchema } from './section-channels.ts';
import type { ChannelSpec } from './section-channels.ts';
import { duration, text, timezone } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/** The channel type a user's `email:` address becomes a contact of. */
export const EMAIL_TYPE = 'email';

/**
 * `email:` is both the address shown for the person and, through the email
 * channel type's own schema (which takes a plain address), a contact.
 * Without an email channel type it is only kept as the address.
 */
function emailField(catalog: ChannelCatalog) {
  const email = catalog.types.get(EMAIL_TYPE);
  return z
    .string({ error: (iss) => `expected an email address like ana@example.com, found ${describeValue(iss.input)}` })
    .transform((address, ctx): { address: string; contact: ChannelSpec | null } => {
      // The email channel's own schema has the last word, so an address it would refuse is refused here, in the same words.
      const parsed = email?.schema.safeParse(address);
      if (!/^[^\s@]+@[^\s@]+$/.test(address) || parsed?.success === false) {
        ctx.addIssue({ code: 'custom', message: `expected an email address like ana@example.com, found ${describeValue(address)}` });
        return z.NEVER;
      }
      if (!parsed) return { address, contact: null };
      return { address, contact: { type: EMAIL_TYPE, typeConfig: parsed.data } };
    });
}

/** `{ via: email, after: 5m }`: send through one of the user's contacts this long after they are notified. */
const notifyRule = z.strictObject({
  /** A contact name of the same user (checked by oncall-references.ts). */
  via: text,
  after: duration().prefault('0m'),
});

/** A person who can be on call or notified; oncall-references.ts checks that they can be reached. */
export function usersSection(catalog: ChannelCatalog) {
  const user = z.strictObject({
    /** Display name; the id when absent. */
    name: text.optional(),
    /** Default: the top-level timezone. */
    timezone: timezone.optional(),
    email: emailField(catalog).optional(),
    /** Kept for later SMS and voice; nothing sends to it yet. */
    phone: text.optional(),
    contact: contactSchema(catalog).optional(),
    /** Personal rules; default: every contact at once. */
    notify: z.array(notifyRule).min(1, { error: 'expected at least one rule like { via: email, after: 0m }, found an empty list; leave notify out to use every contact at once' }).optional(),
  });
  return mapSection('user', user);
}
