import type { Redis } from 'ioredis';
import type { RateLimiter } from './rate-limiter.js';
import type { Presence } from './presence.js';

/**
 * Redis-backed versions of the rate limiter and the presence list, used when
 * REDIS_URL is set so every node of a cluster shares them. Same contracts as the
 * in-memory ones (rate-limiter.ts, presence.ts).
 */
export function createRedisRateLimiter(redis: Redis, options: { max: number; windowMs: number; prefix: string }): RateLimiter {
  const k = (key: string) => `${options.prefix}${key}`;
  return {
    async blockedFor(key) {
      const replies = await redis.multi().get(k(key)).pttl(k(key)).exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      const ttl = Number(replies?.[1]?.[1] ?? -1);
      return count >= options.max && ttl > 0 ? Math.ceil(ttl / 1000) : 0;
    },
    async fail(key) {
      // The window starts at the first failure: NX sets the expiry only once.
      await redis.multi().incr(k(key)).pexpire(k(key), options.windowMs, 'NX').exec();
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
