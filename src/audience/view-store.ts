import type { VisitorIds } from './visitor-id.js';
import type { CountedView, Tally } from './view-tally.js';

/**
 * Where counting happens between a beacon and the database: in this process's memory
 * (memory-view-store.ts), or in Redis so that every process shares the counters and the day's
 * visitor set (redis-view-store.ts). Both keep the same tally (view-tally.ts); one writer turns
 * it into rows.
 */
export interface ViewRecord {
  /** Whose beacons are limited together: an address, or an IPv6 /64. */
  rateKey: string;
  ids: VisitorIds;
  view: CountedView;
  /** False for bots and prefetches: they are answered with the number, and not counted. */
  count: boolean;
}

export type StoreOutcome =
  | { status: 'counted' | 'repeat' | 'not-counted'; pending: number }
  | { status: 'rate-limited'; retryAfter: number };

export interface ViewBatch {
  tally: Tally;
  /** How the site's distinct-reader counts apply: added, or the whole day's count (HyperLogLog). */
  visitors: 'add' | 'max';
  /** Set for batches taken from Redis, which may be retried after a crash and must apply once. */
  batchId?: string;
  /** The batch is in the database. Called synchronously right after the commit. */
  done(): void | Promise<void>;
  /** The write failed: the counts go back to wait for the next flush. */
  failed(): void | Promise<void>;
}

export interface ViewStore {
  readonly kind: 'memory' | 'redis';
  record(input: ViewRecord): Promise<StoreOutcome>;
  /** Views of one article counted and not yet written (for the JSON endpoint). */
  pending(articleId: string): Promise<number>;
  /** What waits to be written, or null (nothing, or another process writes Redis's counters). */
  take(): Promise<ViewBatch | null>;
  close(): Promise<void>;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface StoreLimits {
  rate: RateLimit;
  /** Distinct referrer hosts kept per day; later ones count as `other`. */
  hostsPerDay: number;
}
