import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  /** The envelope: who the SMTP client said it sends for and to. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The parsed headers and text, as a mail client shows them. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | false;
  /** Whether the client signed in with the expected user name and password. */
  authenticatedAs: string | null;
}

export interface TestSmtp {
  /** The SMTP_URL that reaches this server, with the credentials when it asks for them. */
  url: string;
  received: ReceivedMail[];
  /** The next message not taken yet; fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 and a free port, for tests that send mail through the same
 * path as production (nodemailer over TCP). STARTTLS is off: the test server has no certificate
 * a client would trust. With `credentials`, it refuses mail from a client that did not sign in.
 */
export async function startTestSmtp(credentials?: { user: string; pass: string }): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !credentials,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid user name or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: mail.from?.text ?? '',
            to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: mail.html ?? false,
            authenticatedAs: typeof session.user === 'string' ? session.user : null,
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const auth = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length <= taken) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail arrived within ${timeoutMs} ms (${received.length} received in all)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received[taken++]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one-time link in a mail's text (invitation or reset), as an absolute URL. */
export function linkInMail(text: string): URL {
  const match = /https?:\/\/\S+\/admin\/(?:invite|reset)\?token=[A-Za-z0-9_-]+/.exec(text);
  if (!match) throw new Error(`no one-time link in the mail:\n${text}`);
  return new URL(match[0]);
}
