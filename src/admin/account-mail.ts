import type { AccountTokenPurpose } from '../db/index.js';
import type { MailMessage } from './mailer.js';
import { plainLine } from './mailer.js';

export interface MailSite {
  siteName: string;
  timeZone: string;
  locale: string;
}

export interface LinkMail {
  purpose: AccountTokenPurpose;
  to: string;
  /** The absolute one-time link, built from SITE_URL (never from a request's Host header). */
  url: string;
  expiresAt: string;
  /** How long the link lasts, in words: "7 days", "1 hour". */
  lasts: string;
  /** Invitations only: who sent it, and the role it gives. */
  invitedBy?: string;
  role?: string;
}

/** The expiry in the site's own time zone and locale, with the zone named: "Fri, 4 Jul 2025, 10:00 am IST". */
function expiryText(iso: string, site: MailSite): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: site.timeZone, timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(site.locale, options).format(new Date(iso));
  } catch {
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/**
 * The plain, short text of an invitation or a reset mail. It carries the site's name, the link
 * and when it expires; never a password. The reset mail names nothing the requester chose but
 * the address it goes to, so a stranger's request cannot put words in someone's inbox.
 */
export function linkMail(mail: LinkMail, site: MailSite): MailMessage {
  const siteName = plainLine(site.siteName);
  const expires = `The link works once and expires in ${mail.lasts} (${expiryText(mail.expiresAt, site)}).`;
  if (mail.purpose === 'invite') {
    const by = mail.invitedBy ? `${plainLine(mail.invitedBy)} has invited you` : 'You are invited';
    return {
      to: mail.to,
      subject: `Your invitation to ${siteName}`,
      text: [
        `${by} to the editorial desk of ${siteName}${mail.role ? ` as ${mail.role}` : ''}.`,
        '',
        'Choose your password and sign in here:',
        mail.url,
        '',
        expires,
        'If you did not expect this invitation, you can ignore this e-mail.',
        '',
        `— ${siteName}`,
        '',
      ].join('\n'),
    };
  }
  return {
    to: mail.to,
    subject: `Reset your password for ${siteName}`,
    text: [
      `Someone asked to reset the password of ${mail.to} on the editorial desk of ${siteName}.`,
      '',
      'Choose a new password here:',
      mail.url,
      '',
      expires,
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
      '',
      `— ${siteName}`,
      '',
    ].join('\n'),
  };
}
