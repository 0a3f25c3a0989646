import type { Transporter } from 'nodemailer';

/** One plain message. The text is what people read; `html` is optional and unused by account mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Where account mail goes. The composition root picks the SMTP one when `SMTP_URL` is set,
 * else `noMail`, and callers ask `enabled` to decide whether to send or to hand the link to
 * an administrator.
 */
export interface Mailer {
  readonly enabled: boolean;
  send(message: MailMessage): Promise<void>;
}

export type MailFrom = string | { name: string; address: string };

/** Without SMTP nothing is sent; asking is a bug, because callers check `enabled` first. */
export const noMail: Mailer = {
  enabled: false,
  async send() {
    throw new Error('No mail is configured (SMTP_URL is empty)');
  },
};

/** The default From: the site's name and no-reply@ its host (without `www.`), as Ghost does. */
export function defaultMailFrom(siteName: string, siteUrl: string): MailFrom {
  const host = new URL(siteUrl).hostname.replace(/^www\./, '').replace(/^\[|\]$/g, '');
  return { name: plainLine(siteName), address: `no-reply@${host}` };
}

/** Header text without control characters: a site name or subject can never add a header line. */
export function plainLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`, validated by load-config. */
  url: string;
  /** Read at each send: the site's name can change at run time. */
  from: () => Promise<MailFrom>;
}

/**
 * Sends through one SMTP server with nodemailer. A connection per message (no pool): account
 * mail is rare, and a long-lived connection would only go stale. The timeouts bound how long an
 * admin waits for an invitation when the mail server hangs.
 */
export function createSmtpMailer({ url, from }: SmtpMailerOptions): Mailer {
  // nodemailer is loaded at the first message, not with the site: most processes never send one,
  // and loading it cost every start (each worker, each CLI command) about 0.2 s.
  let transport: Promise<Transporter> | undefined;
  const open = () => (transport ??= import('nodemailer').then(({ createTransport }) => createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 })));
  return {
    enabled: true,
    async send(message) {
      await (await open()).sendMail({
        from: await from(),
        to: message.to,
        subject: plainLine(message.subject),
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
    },
  };
}
