/**
 * Counts failures per key in a fixed window (per account, per address). This one
 * keeps them in memory, for a single node; with REDIS_URL the Redis version in
 * redis-stores.ts shares them across nodes. Both answer through promises.
 */
export interface RateLimiter {
  /** Seconds to wait when `key` is blocked, or 0. */
  blockedFor(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function createRateLimiter(options: { max: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; resetAt: number }>();
  function current(key: string) {
    const entry = windows.get(key);
    if (entry && entry.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return entry;
  }
  return {
    async blockedFor(key) {
      const entry = current(key);
      return entry && entry.count >= options.max ? Math.ceil((entry.resetAt - now()) / 1000) : 0;
    },
    async fail(key) {
      const entry = current(key) ?? { count: 0, resetAt: now() + options.windowMs };
      entry.count++;
      windows.set(key, entry);
      // Bound memory under a flood of distinct keys.
      if (windows.size > 100_000) windows.delete(windows.keys().next().value!);
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}
