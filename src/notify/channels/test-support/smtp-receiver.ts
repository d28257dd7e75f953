import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  mail: ParsedMail;
  /** Envelope recipients, as RCPT TO gave them. */
  to: string[];
  /** Whether the session was encrypted (implicit TLS or STARTTLS) when the message came. */
  secure: boolean;
  /** The AUTH method and credentials used, or null when the client did not log in. */
  auth: { method: string; user: string; pass: string } | null;
}

export interface SmtpReceiverOptions {
  /** Implicit TLS from the first byte (port 465 style). */
  secure?: boolean;
  /** Offer STARTTLS with this key and certificate (also used for implicit TLS). */
  tls?: { key: string; cert: string };
  /** Require login with these credentials, offering only these methods. */
  login?: { user: string; pass: string; methods: ('PLAIN' | 'LOGIN')[] };
  /** Reply to RCPT TO for an address: null accepts, else an SMTP code and text. */
  rcpt?: (address: string) => { code: number; text: string } | null;
}

export interface SmtpReceiver {
  host: '127.0.0.1';
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that parses every message it accepts with mailparser. */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const auths = new Map<string, ReceivedMail['auth']>();
  const config: SMTPServerOptions = {
    secure: options.secure ?? false,
    logger: false,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.login ? [] : ['AUTH'])],
    allowInsecureAuth: true,
    authOptional: options.login === undefined,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    ...(options.login ? { authMethods: options.login.methods } : {}),
    onAuth(auth, session, callback) {
      const login = options.login;
      if (login && auth.username === login.user && auth.password === login.pass) {
        auths.set(session.id, { method: auth.method, user: auth.username ?? '', pass: auth.password ?? '' });
        return callback(null, { user: auth.username });
      }
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const reply = options.rcpt?.(address.address) ?? null;
      if (reply === null) return callback();
      return callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({ mail, to: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, auth: auths.get(session.id) ?? null });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { host: '127.0.0.1', port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SilentServer {
  port: number;
  /** Connections the server has open right now. */
  openSockets(): number;
  close(): Promise<void>;
}

/** Accepts TCP connections and never says a word: an SMTP server stuck before its greeting. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    openSockets: () => sockets.size,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
