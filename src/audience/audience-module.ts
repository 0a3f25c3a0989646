import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import { createAnalyticsRepo } from './analytics-repo.js';
import { createAnalyticsService } from './analytics-service.js';
import { createArticleLookup } from './article-lookup.js';
import { createAudienceStateRepo } from './audience-state-repo.js';
import { createDailySalt } from './daily-salt.js';
import { createMemoryViewStore } from './memory-view-store.js';
import { createRedisViewStore } from './redis-view-store.js';
import { createViewCounter } from './view-counter.js';
import type { RateLimit } from './view-store.js';
import { createViewWriteRepo } from './view-write-repo.js';
import { createTimeKeys } from './zoned-time.js';

/** Beacons one address (IPv6: one /64) may send a minute; the rest get 429. See README "Views". */
export const BEACON_LIMIT: RateLimit = { max: 120, windowMs: 60_000 };
/** Distinct referrer hosts recorded per day; later ones are grouped as `other`. */
export const HOSTS_PER_DAY = 1000;
/** Hour rows are kept this long (hour charts and most read); day rows are kept for good. */
const HOURS_KEPT_DAYS = 92;

export interface AudienceDeps {
  db: Kysely<Database>;
  /** With Redis, every process shares the counters and the day's visitor set. */
  redis: Redis | null;
  clock: Clock;
  log: Logger;
  /** The site's time zone (a setting): views are counted per site-local day and hour. */
  timeZone: () => string;
  /** The site's public URL: links from its own pages are not referrers. */
  siteUrl: () => string;
  /** The content generation this process knows (the page cache's): a publish or unpublish changes it. */
  generation: () => number;
  /** Tests narrow the limits. */
  limits?: { rate?: RateLimit; hostsPerDay?: number; maxSeenPerDay?: number };
}

/** What readers read: the view counter, the analytics behind the desk's charts, most read. */
export function createAudienceModule(deps: AudienceDeps) {
  const { db, clock, log } = deps;
  const nowMs = () => clock.now().getTime();
  const timeKeys = createTimeKeys(deps.timeZone);
  const state = createAudienceStateRepo(db);
  const writer = createViewWriteRepo(db);
  const hostsPerDay = deps.limits?.hostsPerDay ?? HOSTS_PER_DAY;
  const rate = deps.limits?.rate ?? BEACON_LIMIT;
  let namespace: Promise<string> | undefined;
  const store = deps.redis
    ? createRedisViewStore({ redis: deps.redis, namespace: () => (namespace ??= state.namespace(randomBytes(6).toString('hex'))), now: nowMs, rate, hostsPerDay })
    : createMemoryViewStore({ hostsPerDay, maxSeenPerDay: deps.limits?.maxSeenPerDay ?? 1_000_000 });
  const siteHost = () => {
    try {
      return new URL(deps.siteUrl()).hostname;
    } catch {
      return '';
    }
  };
  const views = createViewCounter({
    store,
    writer,
    lookup: createArticleLookup({ load: (id) => writer.articleState(id).then((s) => s && { published: s.published, stored: s.views }), generation: deps.generation, now: nowMs }),
    salts: createDailySalt(state.salts),
    timeKeys,
    clock,
    log: log.child({ component: 'views' }),
    siteHost,
    rate,
  });
  const analyticsRepo = createAnalyticsRepo(db);
  const analytics = createAnalyticsService({ repo: analyticsRepo, timeZone: deps.timeZone, timeKeys, clock });

  return {
    views,
    analytics,
    /** The site-local day, hour and minute of an instant (demo seeding uses it). */
    timeKeys,
    /** Daily housekeeping: hour rows past their use. */
    maintenanceTasks: {
      oldViewHours: () => analyticsRepo.removeHoursBefore(new Date(nowMs() - HOURS_KEPT_DAYS * 86_400_000).toISOString()),
    },
    /** Writes views every second from now on (the server calls it when it listens). */
    start: () => views.start(),
    /** Writes everything counted; the app's close() calls it before the database closes. */
    close: () => views.close(),
  };
}

export type AudienceModule = ReturnType<typeof createAudienceModule>;
