import { z } from 'zod';
import { compileTemplate } from '../notify/templates/index.ts';
import { text } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/**
 * A template's text, every `{{variable}}` checked at load. A mistake on the
 * first line is pointed at by column; further down a block scalar the
 * message says the line, since a column from the start of the string would
 * land on the wrong line of the file.
 */
const templateText = z.string({ error: (iss) => `expected the template's text, found ${describeValue(iss.input)}` }).superRefine((written, ctx) => {
  if (written.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'expected the template\'s text, found an empty string' });
    return;
  }
  const compiled = compileTemplate(written);
  if (compiled.ok) return;
  if (compiled.line === 1) ctx.addIssue({ code: 'custom', message: compiled.message, params: { column: compiled.offset } });
  else ctx.addIssue({ code: 'custom', message: `line ${compiled.line}, column ${compiled.column} of the text: ${compiled.message}` });
});

/** `customer-update: { title, audience, text }`: adds a template, or replaces a shipped one of the same id. */
const template = z.strictObject({
  /** Default: the shipped template's title, or the id. */
  title: text.min(1, { error: 'expected a title, found an empty string' }).optional(),
  /** Default: the shipped template's audience, or internal (nothing is public by accident). */
  audience: z.enum(['internal', 'public']).optional(),
  text: templateText,
});

export const templatesSection = mapSection('template', template);
