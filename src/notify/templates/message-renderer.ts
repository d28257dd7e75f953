import { z } from 'zod';
import type { NotificationMessage } from '../notify-types.ts';
import { defaultHeadline, defaultSubject, defaultText } from './message-defaults.ts';
import { compileTemplate } from './template-compile.ts';
import type { ValueEscape } from './template-compile.ts';

/** A channel's optional `template:` block; either part falls back to the default for the message's kind. */
export interface MessageTemplate {
  subject?: string | undefined;
  text?: string | undefined;
}

export interface MessageRenderer {
  /** One line: a mail subject, a PagerDuty summary. */
  subject(message: NotificationMessage, escape?: ValueEscape): string;
  /** The body as plain text (or mrkdwn, given escapeMrkdwn). */
  text(message: NotificationMessage, escape?: ValueEscape): string;
  /** A short title: the default headline, or the custom subject when there is one. */
  headline(message: NotificationMessage, escape?: ValueEscape): string;
}

function templateText(field: 'subject' | 'text') {
  return z.string().superRefine((text, ctx) => {
    const compiled = compileTemplate(text);
    if (!compiled.ok) {
      const where = compiled.line > 1 ? `line ${compiled.line}, column ${compiled.column}` : `column ${compiled.column}`;
      // The config loader can point inside a one-line string; in a block scalar the message says where.
      const params = compiled.line === 1 ? { column: compiled.offset } : {};
      ctx.addIssue({ code: 'custom', message: `${field} template, ${where}: ${compiled.message}`, params });
    }
  });
}

/** `template: { subject?, text? }`, every placeholder checked at load. */
export const templateSchema = z.strictObject({ subject: templateText('subject').optional(), text: templateText('text').optional() });

/** Compiles a channel's template once, when its notifier is created. */
export function messageRenderer(template: MessageTemplate | undefined): MessageRenderer {
  const subject = compileOrThrow(template?.subject);
  const text = compileOrThrow(template?.text);
  return {
    subject: (m, escape) => (subject ? subject(m, escape) : defaultSubject(m, escape)),
    text: (m, escape) => (text ? text(m, escape) : defaultText(m, escape)),
    headline: (m, escape) => (subject ? subject(m, escape) : defaultHeadline(m, escape)),
  };
}

type Render = (message: NotificationMessage, escape?: ValueEscape) => string;

function compileOrThrow(source: string | undefined): Render | null {
  if (source === undefined) return null;
  const compiled = compileTemplate(source);
  // templateSchema has already rejected these at config load; reaching here is a caller's bug.
  if (!compiled.ok) throw new Error(`invalid template at line ${compiled.line}, column ${compiled.column}: ${compiled.message}`);
  return compiled.render;
}
