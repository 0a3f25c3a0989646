import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoreLimits, StoreOutcome, ViewBatch, ViewRecord, ViewStore } from './view-store.js';
import { tallyFields, type Tally } from './view-tally.js';

/**
 * One beacon, atomically, in one round trip: the shared rate limit (INCR first, so concurrent
 * beacons each take a number), the day's reading set (SADD says whether this reader has read this
 * story today), the site's readers (HyperLogLog), the capped set of referrer hosts, and the
 * pending counters. Returns {status, n}: -1 limited (n = seconds left), 0 not counted, 1 counted,
 * 2 repeat; n is the article's pending count otherwise.
 */
const RECORD = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return {-1, redis.call('TTL', KEYS[1])} end
local total = ARGV[8]
if ARGV[3] == '0' then return {0, tonumber(redis.call('HGET', KEYS[5], total) or '0')} end
if redis.call('SADD', KEYS[2], ARGV[4]) == 0 then return {2, tonumber(redis.call('HGET', KEYS[5], total) or '0')} end
redis.call('EXPIRE', KEYS[2], ARGV[7])
redis.call('PFADD', KEYS[3], ARGV[5])
redis.call('EXPIRE', KEYS[3], ARGV[7])
for i = 9, 12 do redis.call('HINCRBY', KEYS[5], ARGV[i], 1) end
local host = ARGV[13]
if host ~= '' then
  if redis.call('SISMEMBER', KEYS[4], host) == 0 then
    if redis.call('SCARD', KEYS[4]) < tonumber(ARGV[6]) then
      redis.call('SADD', KEYS[4], host)
      redis.call('EXPIRE', KEYS[4], ARGV[7])
    else
      host = 'other'
    end
  end
  redis.call('HINCRBY', KEYS[5], ARGV[14] .. host, 1)
end
return {1, redis.call('HINCRBY', KEYS[5], total, 1)}
`;

/**
 * Moves the pending counters aside for writing, unless a batch taken earlier is still there
 * (its writer died or failed): then that batch is written again, under its own id, and the
 * database applies it only if it has not already (view-write-repo.ts).
 */
const TAKE = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '#batch', ARGV[1])
end
return redis.call('HGETALL', KEYS[2])
`;

/** Takes or keeps the writer's lease; only its holder writes the shared counters to the database. */
const LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

interface ViewCommands {
  datelineViewRecord(...args: (string | number)[]): Promise<[number, number]>;
  datelineViewTake(pending: string, flushing: string, batchId: string): Promise<string[] | null>;
  datelineViewLease(lock: string, token: string, ms: number): Promise<number>;
  datelineViewRelease(lock: string, token: string): Promise<number>;
}

export interface RedisStoreOptions extends StoreLimits {
  redis: Redis;
  /** This site's random namespace (site_state), so sites sharing a Redis never mix counts. */
  namespace: () => Promise<string>;
  now: () => number;
  /** How long the writer's lease lasts without renewal; another process takes over after it. */
  leaseMs?: number;
}

/** The day's sets outlive the day by a margin for a clock that is a little behind. */
const DAY_TTL_SECONDS = 36 * 3600;
/** Pending counters are written every second; this only bounds a Redis left behind by a removed site. */
const PENDING_TTL_SECONDS = 7 * 86_400;

/**
 * Counting in Redis, shared by every process: the counters are the truth until a single
 * process (the lease holder) writes them to the database every second. A process killed with
 * `kill -9` loses nothing counted: its beacons are already in Redis. The visitor sets hold
 * hashes only, and expire after the day; the salt stays in the database.
 */
export function createRedisViewStore(options: RedisStoreOptions): ViewStore {
  const redis = options.redis as Redis & ViewCommands;
  redis.defineCommand('datelineViewRecord', { numberOfKeys: 5, lua: RECORD });
  redis.defineCommand('datelineViewTake', { numberOfKeys: 2, lua: TAKE });
  redis.defineCommand('datelineViewLease', { numberOfKeys: 1, lua: LEASE });
  redis.defineCommand('datelineViewRelease', { numberOfKeys: 1, lua: RELEASE });
  const token = randomBytes(9).toString('base64url');
  const leaseMs = options.leaseMs ?? 5000;
  let prefix: string | null = null;
  const keys = async () => (prefix ??= `dateline:${await options.namespace()}:views:`);

  return {
    kind: 'redis',
    async record({ rateKey, ids, view, count }: ViewRecord): Promise<StoreOutcome> {
      const k = await keys();
      const window = Math.floor(options.now() / options.rate.windowMs);
      const [total, day, hour, minute, device] = tallyFields({ ...view, host: null });
      const [status, n] = await redis.datelineViewRecord(
        `${k}rate:${window}:${rateKey}`,
        `${k}seen:${view.day}`,
        `${k}readers:${view.day}`,
        `${k}hosts:${view.day}`,
        `${k}pending`,
        options.rate.max,
        Math.ceil(options.rate.windowMs / 1000),
        count ? 1 : 0,
        ids.reading,
        ids.visitor,
        options.hostsPerDay,
        DAY_TTL_SECONDS,
        total!,
        day!,
        hour!,
        minute!,
        device!,
        view.host ?? '',
        `r|${view.articleId}|${view.day}|`,
      );
      if (status === -1) return { status: 'rate-limited', retryAfter: Math.max(1, Number(n)) };
      return { status: status === 1 ? 'counted' : status === 2 ? 'repeat' : 'not-counted', pending: Number(n) };
    },

    async pending(articleId) {
      return Number((await redis.hget(`${await keys()}pending`, `t|${articleId}`)) ?? 0);
    },

    async take(): Promise<ViewBatch | null> {
      const k = await keys();
      if ((await redis.datelineViewLease(`${k}writer`, token, leaseMs)) !== 1) return null;
      await redis.expire(`${k}pending`, PENDING_TTL_SECONDS);
      const flat = await redis.datelineViewTake(`${k}pending`, `${k}flushing`, randomBytes(9).toString('base64url'));
      if (!flat) return null;
      const tally: Tally = new Map();
      let batchId = '';
      for (let i = 0; i + 1 < flat.length; i += 2) {
        if (flat[i] === '#batch') batchId = flat[i + 1]!;
        else tally.set(flat[i]!, Number(flat[i + 1]));
      }
      // The site's distinct readers of each day in the batch: the HyperLogLog's count, whole.
      const days = new Set([...tally.keys()].filter((f) => f.startsWith('d|')).map((f) => f.split('|')[2]!));
      for (const day of days) tally.set(`u|${day}`, await redis.pfcount(`${k}readers:${day}`));
      return {
        tally,
        visitors: 'max',
        batchId,
        done: async () => void (await redis.del(`${k}flushing`)),
        // The batch stays under `flushing` and is written first next time.
        failed() {},
      };
    },

    async close() {
      if (prefix) await redis.datelineViewRelease(`${prefix}writer`, token).catch(() => 0);
    },
  };
}
