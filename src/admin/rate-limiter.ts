import { createHash } from 'node:crypto';
import type { LoginAttemptRepo } from './login-attempt-repo.js';

/**
 * Limits attempts per key (an account, an address) in a fixed window that starts at the
 * first attempt. An attempt is *reserved* before the work it guards (checking a
 * password): the count goes up atomically first, so 30 concurrent guesses get the
 * counts 1…30 and only the first `max` are let through — on one node or many.
 * This one keeps the windows in the database; with REDIS_URL the Redis version in
 * redis-stores.ts does the same in Redis.
 */
export interface RateLimiter {
  /** Counts one attempt for `key`; returns the seconds to wait when it is over the limit (refuse it), else 0. */
  reserve(key: string): Promise<number>;
  /** Takes one reserved attempt back (a sign-in that succeeded does not count against its address). */
  release(key: string): Promise<void>;
  /** Forgets the key's window (a successful sign-in clears its account's failures). */
  reset(key: string): Promise<void>;
}

export interface RateLimitOptions {
  max: number;
  windowMs: number;
}

/** Keys hold e-mail addresses and IP addresses; only their hashes are stored. */
export function limiterKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

export function createDatabaseRateLimiter(repo: LoginAttemptRepo, options: RateLimitOptions & { now: () => number }): RateLimiter {
  return {
    async reserve(key) {
      const now = options.now();
      const { count, resetAt } = await repo.reserve(limiterKey(key), new Date(now).toISOString(), new Date(now + options.windowMs).toISOString());
      return count > options.max ? Math.max(1, Math.ceil((Date.parse(resetAt) - now) / 1000)) : 0;
    },
    release: (key) => repo.release(limiterKey(key)),
    reset: (key) => repo.remove(limiterKey(key)),
  };
}
