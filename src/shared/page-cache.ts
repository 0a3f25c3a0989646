import type { ContentCoding } from './accept-encoding.js';
import { answerRepresentations, COMPRESSED_CODINGS, prepareRepresentations, type RepresentationInput, type Representations } from './representations.js';

export interface CachedPage {
  status: number;
  generation: number;
  /**
   * The page as sent, with its headers made once: plain, brotli and gzip once it has been asked
   * for twice (plain and the first request's coding before that), so serving a hit is choosing
   * one and writing it.
   */
  representations: Representations;
  /**
   * Set while the entry holds only its first answer's coding, made cheaply (`response` effort):
   * what the full set is made from when the page is asked for again.
   */
  source?: RepresentationInput & { etag: string };
}

/**
 * What `page` is answered with in `coding`. A page stored on its first request has only that
 * request's coding; another one is made for this answer alone, cheaply, while the full set is
 * being made (a hit starts that: `createPageCache`).
 */
export function representationsIn(page: CachedPage, coding: ContentCoding): Representations {
  const { source, representations } = page;
  if (!source || coding === 'identity' || representations[coding]) return representations;
  return answerRepresentations(source, coding);
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
  let builds = 0;
  /**
   * Builds under way, by generation and key (`build`). Right after a change every page is stale at
   * once, and on PostgreSQL, where a build waits on the network, a page read by 50 readers at a
   * time was built by each of them: under `wrk -c50` with a change every second, 1,000 builds of
   * two pages in 24 s and an article's p99 61–75 ms; shared, 20–23 builds and 13–16 ms
   * (docs/benchmarks.md, "Issue 10, 2026-11-30").
   */
  const building = new Map<string, Promise<unknown>>();
  /**
   * The cache drops its least recently used entries first: the Map's order is insertion order, and
   * an entry hit is moved to its newest end. Moving is a delete and a set (76–260 ns, 3% of a served
   * page's CPU under wrk), so a hit moves its entry only when more than a quarter of the cache was
   * stored or moved after it: until then it is in the newest quarter and not next to go anyway.
   * `movedAt` counts those stores and moves.
   */
  const movedAt = new WeakMap<CachedPage, number>();
  let moves = 0;
  function toNewest(key: string, entry: CachedPage): void {
    entries.delete(key);
    entries.set(key, entry);
    movedAt.set(entry, ++moves);
  }
  const sizeOf = (entry: CachedPage) => Object.values(entry.representations).reduce((sum, r) => sum + (r?.body.length ?? 0), 0);
  function remove(key: string): void {
    const old = entries.get(key);
    if (!old) return;
    bytes -= sizeOf(old);
    entries.delete(key);
  }
  /**
   * A page is stored on its first request with the one coding that request took, made at
   * `response` effort, as with the cache off; every coding at `page` effort is made (in zlib's
   * threads) when it is asked for a second time. Measured on a 100,000-story archive, 40,000
   * different stories in turn (a crawler, or readers of the archive): compressing every page
   * that was asked for once in brotli 6 and gzip 6 took 2.3 ms of CPU a page, four times the
   * rest of building it (725 req/s against 2,850 with the cache off).
   */
  const completing = new WeakSet<CachedPage>();
  const underWay = new Set<Promise<void>>();
  function complete(key: string, entry: CachedPage): void {
    const source = entry.source;
    if (!source || completing.has(entry)) return;
    completing.add(entry);
    const work = prepareRepresentations(source, COMPRESSED_CODINGS, 'page').then(
      (full) => {
        // Retired (a change) or replaced meanwhile: the new entry is what counts.
        if (entries.get(key) !== entry) return;
        bytes -= sizeOf(entry);
        entry.representations = full;
        entry.source = undefined;
        bytes += sizeOf(entry);
        evictOverBudget();
      },
      // Left as it is (it still answers every coding); the next hit tries again.
      () => void completing.delete(entry),
    );
    underWay.add(work);
    void work.finally(() => underWay.delete(work));
  }

  function evictOverBudget(): void {
    while (entries.size > options.maxEntries || (bytes > maxBytes && entries.size > 0)) remove(entries.keys().next().value!);
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
    if (hit.source) complete(key, hit);
    if (moves - (movedAt.get(hit) ?? 0) > entries.size >> 2) toNewest(key, hit);
    return hit;
  }

  /**
   * The generation new entries are stamped with; awaits a first read, and a read already under
   * way (a page built while the check that will retire it is in flight would otherwise be stamped
   * with the old generation and built from the old site data, such as the navigation).
   */
  async function currentGeneration(): Promise<number> {
    if (checkedAt === -Infinity) await refresh();
    else if (refreshing) await refreshing;
    return generation;
  }

  return {
    currentGeneration,

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
      toNewest(key, entry);
      bytes += size;
      evictOverBudget();
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

    /** Resolves when the full sets of codings being made for pages asked for again are stored. */
    async settled(): Promise<void> {
      while (underWay.size) await Promise.all(underWay);
    },
    /**
     * Makes what a missed `key` is answered with, or joins the making of it already under way for
     * the same key and generation, so concurrent misses of one page build it once. `make` gets the
     * generation to stamp its entry with. A request that comes after a change (a newer generation)
     * never joins a build begun before it: an editor who publishes and opens the page sees the new
     * one. With the cache off (`maxEntries` 0) every request makes its own, as nothing is kept:
     * that setting measures a build per answer. A failed build is not kept; the next miss tries
     * again.
     */
    async build<T>(key: string, make: (generation: number) => Promise<T>): Promise<T> {
      const stamp = await currentGeneration();
      if (options.maxEntries <= 0) {
        builds++;
        return make(stamp);
      }
      const slot = `${stamp} ${key}`;
      let run = building.get(slot) as Promise<T> | undefined;
      if (!run) {
        builds++;
        const started = make(stamp);
        run = started;
        building.set(slot, started);
        const forget = () => void (building.get(slot) === started && building.delete(slot));
        started.then(forget, forget);
      }
      return run;
    },

    /** Lookups answered and missed and pages built since start, and pages held (for /metrics). */
    stats: () => ({ hits, misses, builds, entries: entries.size }),
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
