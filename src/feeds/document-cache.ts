import type { Representations } from '../shared/representations.js';

/** A built feed or sitemap, compressed once, with what conditional requests compare against. */
export interface CachedDocument {
  generation: number;
  representations: Representations;
  /** The newest item's time as an HTTP date, or null for a document with no dated item. */
  lastModified: string | null;
  /** When the document goes stale without any content change (the news sitemap's 48 hours), else null. */
  expiresAt: number | null;
}

export interface DocumentCacheOptions {
  /** Bytes of bodies (every coding) kept at most; 0 keeps nothing. */
  maxBytes: number;
  /** Reads the shared content generation (bumped on every public change, on any node). */
  readGeneration: () => Promise<number>;
  /** How stale our copy of the generation may get before a request refreshes it. */
  checkEveryMs: number;
  now?: () => number;
}

function sizeOf(doc: CachedDocument): number {
  let bytes = 0;
  for (const representation of Object.values(doc.representations)) bytes += representation?.body.length ?? 0;
  return bytes;
}

/**
 * Feeds and sitemaps, kept until the content generation changes, like the page cache
 * (src/shared/page-cache.ts) but bounded by bytes: a month's sitemap can be a megabyte and a
 * feed a few kilobytes, so a count of entries would bound nothing. Least recently used goes
 * first; a document larger than a quarter of the budget is served but not kept. Builds of the
 * same key at the same time share one promise, so a crawler's burst after a publish reads the
 * database once.
 */
export function createDocumentCache(options: DocumentCacheOptions) {
  const entries = new Map<string, { doc: CachedDocument; bytes: number }>();
  const building = new Map<string, Promise<CachedDocument | null>>();
  const now = options.now ?? Date.now;
  let total = 0;
  let generation = 0;
  let checkedAt = -Infinity;
  let refreshing: Promise<void> | null = null;

  function clear() {
    entries.clear();
    total = 0;
  }

  function refresh(): Promise<void> {
    refreshing ??= options
      .readGeneration()
      .then((g) => {
        if (g !== generation) clear();
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

  function keep(key: string, doc: CachedDocument) {
    const bytes = sizeOf(doc);
    if (bytes > options.maxBytes / 4 || doc.generation !== generation) return;
    const old = entries.get(key);
    if (old) total -= old.bytes;
    entries.delete(key);
    entries.set(key, { doc, bytes });
    total += bytes;
    while (total > options.maxBytes) {
      const [oldestKey, oldest] = entries.entries().next().value!;
      entries.delete(oldestKey);
      total -= oldest.bytes;
    }
  }

  return {
    /** The cached document for `key`, or the one `build` makes (stamped with the current generation). */
    async get(key: string, build: (generation: number) => Promise<CachedDocument | null>): Promise<CachedDocument | null> {
      if (checkedAt === -Infinity) await refresh();
      else if (now() - checkedAt > options.checkEveryMs) void refresh();
      const hit = entries.get(key);
      if (hit && hit.doc.generation === generation && (hit.doc.expiresAt === null || hit.doc.expiresAt > now())) {
        // Map order is insertion order: re-inserting marks the entry most recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit.doc;
      }
      // By generation too: a request after a change (this process's own, announced at once) never
      // joins a build begun before it, which would answer it with the document as it was.
      const slot = `${generation} ${key}`;
      const pending = building.get(slot);
      if (pending) return pending;
      const made = build(generation)
        .then((doc) => {
          if (doc) keep(key, doc);
          return doc;
        })
        .finally(() => building.delete(slot));
      // A 404 (null) is not shared beyond this burst: the next request asks the database again.
      building.set(slot, made);
      return made;
    },

    /** Called after a change made by this process (or announced by another), so it does not wait for the next check. */
    async invalidate(): Promise<void> {
      checkedAt = -Infinity;
      await refresh();
    },

    get bytes(): number {
      return total;
    },
  };
}

export type DocumentCache = ReturnType<typeof createDocumentCache>;
