import type { Representations } from './representations.js';

export interface CachedPage {
  status: number;
  generation: number;
  /**
   * The page as sent, with its headers made once when it was stored: plain, brotli
   * and gzip, so serving a hit is choosing one and writing it.
   */
  representations: Representations;
}

export interface PageCacheOptions {
  maxEntries: number;
  /** Also bound the bytes kept (every coding's body counted); unbounded when absent. */
  maxBytes?: number;
  /** Reads the shared content generation (a database row bumped on every public change). */
  readGeneration: () => Promise<number>;
  /** How stale our copy of the generation may get before a request refreshes it. */
  checkEveryMs: number;
  now?: () => number;
}

/**
 * An in-process cache of rendered pages (and Content API answers). Every entry remembers the content
 * generation it was built at; a change anywhere (this node, another node, the
 * CLI) bumps the generation and so retires every older entry. The generation is
 * re-read at most every `checkEveryMs`, in the background, so a cache hit never
 * waits on the database.
 */
export function createPageCache(options: PageCacheOptions) {
  const entries = new Map<string, CachedPage>();
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? Infinity;
  let bytes = 0;
  // Running totals for /metrics (read when scraped).
  let hits = 0;
  let misses = 0;
  const sizeOf = (entry: CachedPage) => Object.values(entry.representations).reduce((sum, r) => sum + (r?.body.length ?? 0), 0);
  function remove(key: string): void {
    const old = entries.get(key);
    if (!old) return;
    bytes -= sizeOf(old);
    entries.delete(key);
  }
  let generation = 0;
  let checkedAt = -Infinity;
  let refreshing: Promise<void> | null = null;

  function refresh(): Promise<void> {
    refreshing ??= options
      .readGeneration()
      .then((g) => {
        if (g !== generation) {
          entries.clear();
          bytes = 0;
        }
        generation = g;
        checkedAt = now();
      })
      .catch(() => {
        // Database unreachable: keep serving what we have; the next request retries.
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  function lookup(key: string, countMiss: boolean): CachedPage | undefined {
    if (now() - checkedAt > options.checkEveryMs) void refresh();
    const hit = entries.get(key);
    if (!hit || hit.generation !== generation) {
      if (countMiss) misses++;
      return undefined;
    }
    hits++;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }

  return {
    /**
     * The generation new entries are stamped with; awaits a first read, and a read already under
     * way (a page built while the check that will retire it is in flight would otherwise be stamped
     * with the old generation and built from the old site data, such as the navigation).
     */
    async currentGeneration(): Promise<number> {
      if (checkedAt === -Infinity) await refresh();
      else if (refreshing) await refreshing;
      return generation;
    },

    get: (key: string): CachedPage | undefined => lookup(key, true),

    /**
     * As `get`, but a miss is not counted: for a look-up whose miss is handed on to one that
     * counts it (the page fast path before the article route).
     */
    peek: (key: string): CachedPage | undefined => lookup(key, false),

    set(key: string, entry: CachedPage): CachedPage {
      if (options.maxEntries <= 0) return entry;
      const size = sizeOf(entry);
      // An entry that alone exceeds the budget is answered but not kept.
      if (size > maxBytes) return entry;
      remove(key);
      entries.set(key, entry);
      bytes += size;
      while (entries.size > options.maxEntries || (bytes > maxBytes && entries.size > 0)) remove(entries.keys().next().value!);
      return entry;
    },

    /** False with PAGE_CACHE_ENTRIES=0: a page is then built for one answer, and compressed only as that answer needs. */
    get keepsPages(): boolean {
      return options.maxEntries > 0;
    },

    /** The generation as last read, without waiting: what memoised data is keyed on. */
    knownGeneration(): number {
      return generation;
    },

    /** Called after a change made by this process, so it does not wait for the next check. */
    async invalidate(): Promise<void> {
      checkedAt = -Infinity;
      await refresh();
    },

    get size() {
      return entries.size;
    },

    /** Lookups answered and missed since start, and pages held (for /metrics). */
    stats: () => ({ hits, misses, entries: entries.size }),
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
