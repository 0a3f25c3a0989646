import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AccountTokenPurpose, Database, Role } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import { defineError, ValidationError } from '../shared/errors.js';
import { createAccountTokenRepo, type TokenAccount } from './account-token-repo.js';
import { linkMail, type MailSite } from './account-mail.js';
import { UserNotFound } from './errors.js';
import type { Mailer } from './mailer.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { hashToken, newSecret } from './tokens.js';
import type { UserService } from './user-service.js';

export const AccountTokenInvalid = defineError('ACCOUNT_TOKEN_INVALID', 'This link is not valid: a newer link replaced it, or its account is disabled', 400);
export const AccountTokenExpired = defineError('ACCOUNT_TOKEN_EXPIRED', 'This link has expired; ask for a new one', 400);
export const AccountTokenUsed = defineError('ACCOUNT_TOKEN_USED', 'This link has been used already; sign in, or ask for a new one', 400);
export const InviteAccepted = defineError('INVITE_ACCEPTED', '%s has set a password already; make a reset link instead', 409);

const HOUR = 3_600_000;
/** How long each kind of link works: an invitation waits a week, a reset an hour (Ghost and WordPress are close). */
export const LINK_LIFETIMES: Record<AccountTokenPurpose, { ms: number; words: string }> = {
  invite: { ms: 7 * 24 * HOUR, words: '7 days' },
  reset: { ms: HOUR, words: '1 hour' },
};
const LINK_PATHS: Record<AccountTokenPurpose, string> = { invite: '/admin/invite', reset: '/admin/reset' };
const ROLE_WORDS: Record<Role, string> = { contributor: 'a contributor', author: 'an author', editor: 'an editor', admin: 'an administrator' };

/** Whether the link also went out by mail: 'off' without SMTP_URL, 'failed' when the server refused it. */
export type MailOutcome = 'sent' | 'off' | 'failed';

export interface IssuedLink {
  url: string;
  expiresAt: string;
}

export interface AccountTokenDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  users: UserService;
  mailer: Mailer;
  /** The public base URL (SITE_URL): links are absolute and never built from a request's Host header. */
  siteUrl: string;
  /** The site's current name, time zone and locale, for the mail text. */
  site: () => Promise<MailSite>;
}

/**
 * One-time links that set a password: an invitation (a user created without one) and a
 * password reset. The token is random and only its SHA-256 is stored; each link has one
 * purpose, expires, works once, and a newer link of the same purpose replaces the older.
 * Using one sets the password, ends every session of the account and drops its other links,
 * all in one transaction.
 */
export function createAccountTokens({ db, clock, log, users, mailer, siteUrl, site }: AccountTokenDeps) {
  const nowIso = () => clock.now().toISOString();
  /** Reset requests run after the answer is sent (see requestReset); tests and shutdown wait here. */
  const background = new Set<Promise<void>>();

  async function issue(executor: Kysely<Database>, userId: string, purpose: AccountTokenPurpose, createdBy: string | null): Promise<IssuedLink> {
    const token = newSecret();
    const createdAt = clock.now();
    const expiresAt = new Date(createdAt.getTime() + LINK_LIFETIMES[purpose].ms).toISOString();
    await createAccountTokenRepo(executor).replace({ tokenHash: hashToken(token), userId, purpose, createdAt: createdAt.toISOString(), expiresAt, createdBy });
    return { url: `${siteUrl}${LINK_PATHS[purpose]}?token=${token}`, expiresAt };
  }

  /** Locks the account, refuses what the purpose does not allow, and makes the link. */
  function issueFor(userId: string, purpose: AccountTokenPurpose, createdBy: string | null): Promise<{ account: TokenAccount; link: IssuedLink }> {
    return db.transaction().execute(async (trx) => {
      const account = await createAccountTokenRepo(trx).lockUser(userId);
      if (!account) throw new UserNotFound(userId);
      if (account.disabled) throw new ValidationError('id', `${account.name}'s account is disabled; enable it first`);
      if (purpose === 'invite' && account.hasPassword) throw new InviteAccepted(account.name);
      return { account, link: await issue(trx, userId, purpose, createdBy) };
    });
  }

  async function mailLink(account: Pick<TokenAccount, 'id' | 'email' | 'role'>, purpose: AccountTokenPurpose, link: IssuedLink, invitedBy?: string): Promise<MailOutcome> {
    if (!mailer.enabled) return 'off';
    try {
      const extra = purpose === 'invite' ? { role: ROLE_WORDS[account.role], ...(invitedBy ? { invitedBy } : {}) } : {};
      await mailer.send(linkMail({ purpose, to: account.email, url: link.url, expiresAt: link.expiresAt, lasts: LINK_LIFETIMES[purpose].words, ...extra }, await site()));
      return 'sent';
    } catch (err) {
      log.warn({ err, userId: account.id, purpose }, 'account mail was not sent');
      return 'failed';
    }
  }

  /** The link's state: it throws the reason a link cannot be used now, else returns it with its account. */
  async function usable(executor: Kysely<Database>, tokenHash: string) {
    const found = await createAccountTokenRepo(executor).find(tokenHash);
    if (!found || found.account.disabled) throw new AccountTokenInvalid();
    if (found.token.usedAt) throw new AccountTokenUsed();
    if (found.token.expiresAt <= nowIso()) throw new AccountTokenExpired();
    return found;
  }

  return {
    /** True when links also go out by mail (SMTP_URL is set). */
    mailEnabled: mailer.enabled,

    /** Creates a user with no password and an invitation link (in one transaction), then mails it. `by` is null from the CLI. */
    async invite(input: { email: string; name: string; role: Role }, by: { userId: string; name: string } | null): Promise<IssuedLink & { userId: string; mail: MailOutcome }> {
      let link: IssuedLink | undefined;
      const created = await users.add({ ...input, password: null }, {
        async after(trx, id) {
          link = await issue(trx, id, 'invite', by?.userId ?? null);
        },
      });
      const mail = await mailLink({ id: created.id, email: created.email, role: created.role }, 'invite', link!, by?.name);
      return { userId: created.id, ...link!, mail };
    },

    /** A new invitation link for someone who has not accepted yet; the old link stops working. */
    async resendInvite(userId: string, by: { userId: string; name: string }): Promise<IssuedLink & { userId: string; mail: MailOutcome }> {
      const { account, link } = await issueFor(userId, 'invite', by.userId);
      return { userId, ...link, mail: await mailLink(account, 'invite', link, by.name) };
    },

    /** A reset link for an admin to pass on (when no mail is configured, or the mail went astray). */
    async resetLink(userId: string, by: { userId: string }): Promise<IssuedLink> {
      return (await issueFor(userId, 'reset', by.userId)).link;
    },

    /**
     * "Forgot password": mails a reset link to an active account with this address. The caller
     * answers at once and the same way for every address; the lookup and the mail run after
     * it, so neither the answer nor its timing tells whether the account exists.
     */
    requestReset(email: string): void {
      if (!mailer.enabled) {
        log.info('password reset asked for, but no mail is configured: an administrator can make a reset link');
        return;
      }
      const work: Promise<void> = (async () => {
        const account = await createAccountTokenRepo(db).accountByEmail(email);
        if (!account || account.disabled) return;
        const { link } = await issueFor(account.id, 'reset', null);
        await mailLink(account, 'reset', link);
      })()
        .catch((err: unknown) => log.warn({ err }, 'password reset failed'))
        .finally(() => background.delete(work));
      background.add(work);
    },

    /** What a link is for, to greet its holder; throws ACCOUNT_TOKEN_* when it cannot be used. */
    async inspect(token: string): Promise<{ purpose: AccountTokenPurpose; email: string; name: string; expiresAt: string }> {
      const { token: stored, account } = await usable(db, hashToken(token));
      return { purpose: stored.purpose, email: account.email, name: account.name, expiresAt: stored.expiresAt };
    },

    /**
     * Sets the password with a link and spends it. The account's row is locked before the link is
     * taken (the same order as issuing, so the two cannot deadlock); of two uses at once, one sets
     * the password and the other gets ACCOUNT_TOKEN_USED. A refused password leaves the link usable.
     */
    async redeem(token: string, password: string): Promise<{ userId: string; purpose: AccountTokenPurpose }> {
      const tokenHash = hashToken(token);
      const found = await usable(db, tokenHash);
      const problem = passwordProblem(password);
      if (problem) throw new ValidationError('password', problem);
      const hash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        const repo = createAccountTokenRepo(trx);
        const account = await repo.lockUser(found.token.userId);
        const taken = await repo.take(tokenHash, nowIso());
        if (!taken) {
          await usable(trx, tokenHash);
          throw new AccountTokenUsed();
        }
        if (!account || account.disabled) throw new AccountTokenInvalid();
        await repo.setPasswordHash(account.id, hash);
        await repo.endSessions(account.id);
        await repo.removeUnused(account.id);
        return { userId: account.id, purpose: taken.purpose };
      });
    },

    /** Drops used and expired links (the daily maintenance); returns how many. */
    removeSpent: (): Promise<number> => createAccountTokenRepo(db).removeSpent(nowIso()),

    /** Resolves when no reset request is still being worked on. */
    async idle(): Promise<void> {
      while (background.size) await Promise.all(background);
    },
  };
}

export type AccountTokens = ReturnType<typeof createAccountTokens>;
