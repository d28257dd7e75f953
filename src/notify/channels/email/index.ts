import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSettings } from '../../../config/config-types.ts';
import type { ChannelEnv, ChannelType, Notifier } from '../../notify-types.ts';
import { messageRenderer } from '../../templates/index.ts';
import { readSecret } from '../channel-schema.ts';
import { emailContent } from './email-message.ts';
import { outcomeOfSmtpError } from './email-outcome.ts';
import { emailSchema } from './email-schema.ts';
import type { EmailConfig } from './email-schema.ts';

export type { EmailConfig } from './email-schema.ts';
export { messageIdFor } from './email-message.ts';

/** Email over SMTP (nodemailer), text and HTML, through the one server in notifications.smtp. */
export const emailChannel: ChannelType<EmailConfig> = {
  name: 'email',
  schema: emailSchema,
  create(config, env) {
    const smtp = env.smtp;
    if (smtp === null) {
      return { send: async () => ({ ok: false, retryable: false, reason: 'no notifications.smtp configured; add an smtp: block under notifications: to send email' }) };
    }
    return smtpNotifier(config, smtp, env);
  },
};

function smtpNotifier(config: EmailConfig, smtp: SmtpSettings, env: ChannelEnv): Notifier {
  const renderer = messageRenderer(config.template);
  const where = `${smtp.host}:${smtp.port}`;
  // Not pooled: each send opens its own connection and closes it when done. Email volume is a
  // few messages per incident, so the saved handshake is not worth a pool whose idle sockets the
  // server drops, and a timed-out or aborted send then closes exactly its own connection
  // (nodemailer's SMTPTransport does on abort) without touching other sends in flight.
  // nodemailer is loaded on the first email, not at start: about 25 MB of a resting server's RSS
  // that an installation without email never needs.
  let transporter: Promise<Transporter<SMTPTransport.SentMessageInfo>> | null = null;
  const transport = () => (transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.starttls === 'require',
    ignoreTLS: smtp.starttls === 'never',
    tls: { rejectUnauthorized: smtp.tlsVerify },
    connectionTimeout: env.timeoutMs,
    greetingTimeout: env.timeoutMs,
    socketTimeout: env.timeoutMs,
  })));
  return {
    async send(message, ctx) {
      let auth: { user: string; pass: string } | undefined;
      if (smtp.user !== null) {
        let pass = '';
        if (smtp.passwordEnv !== null) {
          const secret = readSecret(env.env, smtp.passwordEnv, 'the SMTP password');
          if ('reason' in secret) return { ok: false, retryable: false, reason: secret.reason };
          pass = secret.value;
        }
        auth = { user: smtp.user, pass };
      }
      const content = emailContent(message, renderer, ctx.idempotencyKey);
      const timeout = AbortSignal.timeout(env.timeoutMs);
      try {
        const info = await (await transport()).sendMail({
          from: smtp.from,
          to: config.to,
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId: content.messageId,
          headers: content.headers,
          ...(auth ? { auth } : {}),
          signal: AbortSignal.any([ctx.signal, timeout]),
        });
        // Some recipients refused while others took it: resending would duplicate the accepted
        // copies, so this is a send, with the refusal kept in the delivery log.
        const rejected = info.rejected.length > 0 ? `; rejected ${info.rejected.map(String).join(', ')}` : '';
        return { ok: true, detail: `${where} accepted for ${info.accepted.map(String).join(', ')}${rejected}` };
      } catch (error) {
        if (ctx.signal.aborted) return { ok: false, retryable: true, reason: `aborted before SMTP server ${where} took the message (shutting down or cancelled)` };
        if (timeout.aborted) return { ok: false, retryable: true, reason: `SMTP server ${where} did not take the message within ${env.timeoutMs} ms` };
        return outcomeOfSmtpError(error, where);
      }
    },
  };
}
