import type { NotificationMessage } from '../../notify-types.ts';
import { escapeHtml, textToHtml } from '../../templates/index.ts';
import type { MessageRenderer } from '../../templates/index.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/**
 * Subject, text and an HTML part made from the same text (escaped, links clickable), with a
 * Message-ID derived from the idempotency key: a retry that reaches the mailbox twice carries
 * the same Message-ID, which mail servers and clients use to drop or thread duplicates.
 */
export function emailContent(message: NotificationMessage, renderer: MessageRenderer, idempotencyKey: string): EmailContent {
  const subject = renderer.subject(message).replace(/\s+/g, ' ');
  const text = renderer.text(message);
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body><div style="font-family: sans-serif; font-size: 14px; line-height: 1.5">${textToHtml(text)}</div></body></html>`,
  ].join('\n');
  const headers: Record<string, string> = { 'X-Opsdeck-Idempotency-Key': idempotencyKey };
  // RFC 8058 one-click unsubscribe for status-page subscribers: the mail client POSTs
  // "List-Unsubscribe=One-Click" to the link, which ends the subscription without a page.
  if (message.subscriber) {
    headers['List-Unsubscribe'] = `<${message.subscriber.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { subject, text, html, messageId: messageIdFor(idempotencyKey), headers };
}

/**
 * `<key@opsdeck>`, with every character RFC 5322 does not allow in a Message-ID's left part
 * written as =HH (UTF-8 bytes; "=" itself included), so distinct keys never share an id.
 */
export function messageIdFor(key: string): string {
  const local = key
    .replace(/[^A-Za-z0-9!#$%&'*+\-/?^_`{|}~.]/gu, (ch) => [...Buffer.from(ch, 'utf8')].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))
    // A dot may not start or end the part, nor follow another dot.
    .replace(/^\.|\.$|\.(?=\.)/g, '=2E');
  return `<${local}@opsdeck>`;
}
