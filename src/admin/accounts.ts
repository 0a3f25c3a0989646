import { createAccountTokens, type AccountTokenDeps, type AccountTokens } from './account-tokens.js';
import { createOwnPassword, type OwnPassword } from './own-password.js';
import type { RateLimiter, RateLimitOptions } from './rate-limiter.js';

/** What the password routes use: one-time links, the own-password change, and the reset-request limits. */
export interface Accounts {
  tokens: AccountTokens;
  ownPassword: OwnPassword;
  /** "Forgot password" requests, counted before any lookup (like sign-in) so a flood mails no one. */
  resetLimits: { perAccount: RateLimiter; perAddress: RateLimiter };
}

const HOUR = 3_600_000;

/**
 * Reset requests allowed per e-mail address and per client address in an hour: three mails an
 * hour at most land in anyone's inbox, whoever asks. The key is the address typed, not an
 * account, so a known and an unknown address are limited alike.
 */
export const RESET_LIMITS: { perAccount: RateLimitOptions; perAddress: RateLimitOptions } = {
  perAccount: { max: 3, windowMs: HOUR },
  perAddress: { max: 20, windowMs: HOUR },
};

export function createAccounts(deps: AccountTokenDeps & { resetLimits: Accounts['resetLimits'] }): Accounts {
  return {
    tokens: createAccountTokens(deps),
    ownPassword: createOwnPassword({ db: deps.db }),
    resetLimits: deps.resetLimits,
  };
}
