import type { Logger } from 'pino';
import type { Clock } from '../shared/clock.js';
import type { ArticleLookup } from './article-lookup.js';
import type { DailySalt } from './daily-salt.js';
import { createAgentClassifier } from './reader-agent.js';
import { MAX_REFERRER_LENGTH, referrerHost } from './referrer-host.js';
import type { TimeKeys } from './zoned-time.js';
import { addressKey, visitorIds } from './visitor-id.js';
import type { RateLimit, ViewStore } from './view-store.js';
import { tallyViews } from './view-tally.js';
import { createWindowLimiter } from './window-limiter.js';
import type { ViewWriteRepo } from './view-write-repo.js';

/** A user agent longer than this is refused before any work (real browsers send a few hundred bytes). */
export const MAX_USER_AGENT_LENGTH = 1024;
const MINUTES_KEPT_MS = 2 * 3_600_000;

/** What a page's view beacon tells us. */
export interface Beacon {
  articleId: string;
  /** The connecting address (or the one a trusted proxy reports). */
  address: string;
  userAgent: string;
  /** Sec-Purpose, Purpose, X-Purpose and X-Moz, as sent: a prefetch or prerender says so there. */
  purpose: string;
  /** The page's own referrer (document.referrer), as the script sends it. */
  referrer: string | undefined;
}

/** Expected outcomes, as values (Plausible's way): the route maps each to an answer. */
export type ViewOutcome =
  | { status: 'counted'; views: number }
  | { status: 'not-counted'; reason: 'bot' | 'prefetch' | 'repeat'; views: number }
  | { status: 'not-found' }
  | { status: 'rate-limited'; retryAfter: number }
  | { status: 'invalid'; field: 'user-agent' | 'referrer'; message: string };

export interface ViewCounterDeps {
  store: ViewStore;
  writer: ViewWriteRepo;
  lookup: ArticleLookup;
  salts: DailySalt;
  timeKeys: (ms: number) => TimeKeys;
  clock: Clock;
  log: Logger;
  /** This site's host, so links from page to page are not recorded as referrers. */
  siteHost: () => string;
  /** Beacons per address (IPv6: per /64) taken per window; the rest are answered 429. */
  rate: RateLimit;
  /** How often counts are written (ms). */
  flushEveryMs?: number;
}

const PREFETCH = /prefetch|prerender|preview/i;

/**
 * The view counter: a pipeline of named steps from beacon to tally, then a writer that puts
 * the tally in the database every second in one transaction, and once more at shutdown.
 *
 *   check input → limit the address → find the story → bot or prefetch? → hash the reader →
 *   count once per reader per story per day (store) → answer the number
 */
export function createViewCounter(deps: ViewCounterDeps) {
  // Running totals for /metrics (read when scraped).
  let counted = 0;
  let flushed = 0;
  const { store, writer, lookup, salts, log } = deps;
  const nowMs = () => deps.clock.now().getTime();
  // Always in process, before any lookup, so a flood of unknown ids never reaches the database;
  // with Redis the same limit is also kept in Redis for the whole cluster.
  const limitAddress = createWindowLimiter(deps.rate, nowMs);
  const classify = createAgentClassifier();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<number> = Promise.resolve(0);
  let busy = false;
  let lastPrune = 0;

  function checkInput(beacon: Beacon): ViewOutcome | null {
    if (beacon.userAgent.length > MAX_USER_AGENT_LENGTH) return { status: 'invalid', field: 'user-agent', message: `The user agent is longer than ${MAX_USER_AGENT_LENGTH} characters` };
    if (beacon.referrer !== undefined && beacon.referrer.length > MAX_REFERRER_LENGTH) return { status: 'invalid', field: 'referrer', message: `The referrer is longer than ${MAX_REFERRER_LENGTH} characters` };
    return null;
  }

  function notCountedReason(beacon: Beacon, bot: boolean): 'bot' | 'prefetch' | null {
    if (bot) return 'bot';
    if (beacon.purpose && PREFETCH.test(beacon.purpose)) return 'prefetch';
    return null;
  }

  async function ingest(beacon: Beacon): Promise<ViewOutcome> {
    const invalid = checkInput(beacon);
    if (invalid) return invalid;
    const rateKey = addressKey(beacon.address);
    const retryAfter = limitAddress(rateKey);
    if (retryAfter) return { status: 'rate-limited', retryAfter };
    const article = await lookup.get(beacon.articleId);
    if (!article?.published) return { status: 'not-found' };
    const agent = classify(beacon.userAgent);
    const skip = notCountedReason(beacon, agent.bot);
    const keys = deps.timeKeys(nowMs());
    const salt = salts.cached(keys.day) ?? (await salts.forDay(keys.day));
    const outcome = await store.record({
      rateKey,
      ids: visitorIds(salt, beacon.address, beacon.userAgent, beacon.articleId),
      view: { articleId: beacon.articleId, ...keys, device: agent.device, host: skip ? null : referrerHost(beacon.referrer, deps.siteHost()) },
      count: !skip,
    });
    if (outcome.status === 'rate-limited') return outcome;
    const views = lookup.answer(article, outcome.pending);
    if (outcome.status === 'counted') {
      counted++;
      return { status: 'counted', views };
    }
    return { status: 'not-counted', reason: skip ?? 'repeat', views };
  }

  async function flushOnce(): Promise<number> {
    const batch = await store.take();
    if (!batch) return 0;
    const now = nowMs();
    const prune = now - lastPrune > 60_000;
    try {
      const result = await writer.write(batch.tally, {
        visitors: batch.visitors,
        batchId: batch.batchId,
        pruneMinutesBefore: prune ? new Date(now - MINUTES_KEPT_MS).toISOString() : undefined,
      });
      if (prune) lastPrune = now;
      // Synchronously with done(): an answer never sees the counts both stored and pending, or neither.
      if (result.applied) for (const [id, views] of result.totals) lookup.stored(id, views);
      const finished = batch.done();
      if (result.applied && result.dropped) log.info({ views: result.dropped }, 'views of deleted stories dropped');
      await finished;
      const written = result.applied ? tallyViews(batch.tally) - result.dropped : 0;
      flushed += written;
      return written;
    } catch (err) {
      await batch.failed();
      throw err;
    }
  }

  return {
    ingest,

    /** The number a page shows for a published story (stored plus counted and not yet written); null otherwise. */
    async current(articleId: string): Promise<number | null> {
      const article = await lookup.get(articleId);
      if (!article?.published) return null;
      return lookup.answer(article, await store.pending(articleId));
    },

    /** Writes what has been counted, in one transaction; flushes never overlap. Returns the views written. */
    flush(): Promise<number> {
      flushing = flushing.catch(() => 0).then(flushOnce);
      return flushing;
    },

    /** Starts writing every second (the server does this when it listens). */
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        this.flush()
          .catch((err: unknown) => log.error({ err }, 'writing views failed; they wait for the next flush'))
          .finally(() => (busy = false));
      }, deps.flushEveryMs ?? 1000);
      timer.unref();
    },

    /** Stops the timer and writes everything still counted (SIGTERM ends here through app.close()). */
    async close(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      try {
        // Twice: a Redis batch left by a failed writer goes first, then what is pending now.
        await this.flush();
        await this.flush();
      } catch (err) {
        log.error({ err }, 'views could not be written at shutdown');
      }
      await store.close();
    },

    /** Views this process counted and wrote since it started (for /metrics). */
    stats: () => ({ counted, flushed }),

    /** Where counting happens: this process, or Redis. */
    kind: store.kind,
  };
}

export type ViewCounter = ReturnType<typeof createViewCounter>;
