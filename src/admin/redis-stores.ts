import type { Redis } from 'ioredis';
import { limiterKey, type RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import type { Presence } from './presence.js';

/**
 * Redis-backed versions of the rate limiter and the presence list, used when
 * REDIS_URL is set so every node of a cluster shares them. Same contracts as the
 * in-memory ones (rate-limiter.ts, presence.ts).
 */
export function createRedisRateLimiter(redis: Redis, options: RateLimitOptions & { prefix: string }): RateLimiter {
  const k = (key: string) => `${options.prefix}${limiterKey(key)}`;
  return {
    async reserve(key) {
      // One MULTI: the increment and the window's expiry (set once, at the first attempt) are atomic.
      const replies = await redis.multi().incr(k(key)).pexpire(k(key), options.windowMs, 'NX').pttl(k(key)).exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      const ttl = Number(replies?.[2]?.[1] ?? -1);
      return count > options.max ? Math.max(1, Math.ceil(Math.max(ttl, 0) / 1000)) : 0;
    },
    async release(key) {
      // Never below zero, and never resurrect a key that has expired meanwhile.
      await redis.eval("local n = redis.call('GET', KEYS[1]) if n and tonumber(n) > 0 then return redis.call('DECR', KEYS[1]) end return 0", 1, k(key));
    },
    async reset(key) {
      await redis.del(k(key));
    },
  };
}

export function createRedisPresence(redis: Redis, options: { ttlMs: number; prefix: string; now?: () => number }): Presence {
  const now = options.now ?? Date.now;
  const k = (articleId: string) => `${options.prefix}${articleId}`;
  return {
    async beat(articleId, user) {
      const key = k(articleId);
      const raw = await redis.hgetall(key);
      const others: { userId: string; name: string; since: string }[] = [];
      const stale: string[] = [];
      let since = new Date(now()).toISOString();
      for (const [userId, json] of Object.entries(raw)) {
        let entry: { name: string; since: string; seenAt: number };
        try {
          entry = JSON.parse(json);
        } catch {
          stale.push(userId);
          continue;
        }
        if (now() - entry.seenAt > options.ttlMs) stale.push(userId);
        else if (userId === user.id) since = entry.since;
        else others.push({ userId, name: entry.name, since: entry.since });
      }
      const multi = redis.multi().hset(key, user.id, JSON.stringify({ name: user.name, since, seenAt: now() })).pexpire(key, options.ttlMs * 2);
      if (stale.length) multi.hdel(key, ...stale);
      await multi.exec();
      return others;
    },
    async leave(articleId, userId) {
      await redis.hdel(k(articleId), userId);
    },
  };
}
