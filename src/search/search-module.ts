import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, DbCapabilities } from '../db/index.js';
import { createFts5SearchRepo } from './fts5-search-repo.js';
import type { SearchIndexRepo } from './search-filters-repo.js';
import { createSearchService } from './search-service.js';
import { createSearchSourceRepo } from './search-source-repo.js';
import { createTsvectorSearchRepo } from './tsvector-search-repo.js';

export interface CatchUpOptions {
  beforeStep?: () => Promise<void>;
  storiesPerTransaction?: number;
}

export interface SearchDeps {
  db: Kysely<Database>;
  capabilities: Pick<DbCapabilities, 'fullText'>;
  log?: Pick<Logger, 'info'>;
  /** Reader searches run at once in this process (SEARCH_CONCURRENCY; search-service.ts). */
  concurrency?: number;
}

const CATCH_UP_BATCH = 500;
const ANALYZE_AFTER = 1000;
/** SQLite's page cache while the catch-up writes: 128 MB (a negative size is KiB). */
const CATCH_UP_CACHE_KIB = -131072;

/** The index adapter for this database, chosen once by its capability flag. */
export function searchIndexFor(capabilities: Pick<DbCapabilities, 'fullText'>): (db: Kysely<Database>) => SearchIndexRepo {
  return capabilities.fullText === 'fts5' ? createFts5SearchRepo : createTsvectorSearchRepo;
}

/**
 * Full-text search of published stories. `indexArticle` is what the content module calls inside
 * the transaction that changes a story, so the index and the story commit (or fail) together;
 * `catchUp` indexes what was written without an indexer (an older database, a CLI import); a
 * serving process runs it in the background under a lease (src/jobs/search-catch-up.ts).
 */
export function createSearchModule({ db, capabilities, log, concurrency }: SearchDeps) {
  const index = searchIndexFor(capabilities);

  /** Brings the story's index row in line with the story, inside the caller's transaction. */
  async function indexArticle(trx: Kysely<Database>, articleId: string): Promise<void> {
    const doc = await createSearchSourceRepo(trx).document(articleId);
    if (doc) await index(trx).write(doc);
    else await index(trx).remove(articleId);
  }

  /**
   * SQLite's page cache is 2 MB; FTS5 merges its index segments as stories are added, and over a
   * growing archive each merge read the same pages back from the file (pread: two thirds of a
   * 100,000-story catch-up was the kernel copying pages). While the catch-up writes, the cache is
   * made large enough to keep them, and put back after. Returns how to put it back.
   */
  async function widenCache(): Promise<() => Promise<void>> {
    if (capabilities.fullText !== 'fts5') return async () => {};
    const before = (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size ?? -2000;
    await sql.raw(`pragma cache_size = ${CATCH_UP_CACHE_KIB}`).execute(db);
    return async () => void (await sql.raw(`pragma cache_size = ${Number(before)}`).execute(db));
  }

  /** Indexes these stories now, in one transaction (the demo's, just written without the indexer; a step of the catch-up). */
  async function indexStories(ids: readonly string[]): Promise<void> {
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await indexArticle(trx, id);
    });
  }

  /**
   * Indexes every published story missing or stale in the index and drops rows of stories gone
   * from the site. Returns how many changed. A run in a serving process passes `beforeStep`, run
   * before each look at 500 stories and each transaction (it lets requests in and renews the
   * run's lease, and stops the run by throwing), and a smaller `storiesPerTransaction`: SQLite
   * indexes synchronously, so a transaction of 500 stories would hold every request for a second.
   */
  async function catchUp({ beforeStep, storiesPerTransaction = CATCH_UP_BATCH }: CatchUpOptions = {}): Promise<number> {
    const source = createSearchSourceRepo(db);
    const apply = async (ids: string[]) => {
      for (let from = 0; from < ids.length; from += storiesPerTransaction) {
        if (from > 0) await beforeStep?.();
        await indexStories(ids.slice(from, from + storiesPerTransaction));
      }
    };
    let changed = 0;
    let restoreCache: (() => Promise<void>) | null = null;
    try {
      // Every story by id, a step at a time, with a cursor: each step reads on from where the last stopped.
      for (let after: string | null = ''; after !== null; ) {
        await beforeStep?.();
        const { ids, next } = await source.staleIds(after, CATCH_UP_BATCH);
        if (ids.length) {
          restoreCache ??= await widenCache();
          await apply(ids);
        }
        changed += ids.length;
        after = next;
      }
      for (let ids = await source.orphanIds(CATCH_UP_BATCH); ids.length; ids = await source.orphanIds(CATCH_UP_BATCH)) {
        await beforeStep?.();
        restoreCache ??= await widenCache();
        await apply(ids);
        changed += ids.length;
      }
      // Rows indexed before their ranking vector existed (PostgreSQL, an upgrade past 0021), 500 a
      // statement (~0.2 s, while requests go on: PostgreSQL does not hold this process's event loop).
      const fillRankVectors = index(db).fillRankVectors;
      for (let filled = 1; fillRankVectors && filled > 0; changed += filled) {
        await beforeStep?.();
        filled = await fillRankVectors(CATCH_UP_BATCH);
      }
    } finally {
      await restoreCache?.();
    }
    if (changed) log?.info({ stories: changed }, 'search index caught up');
    // After a bulk load the planner needs fresh statistics to choose between walking the date
    // index and the text index (tsvector-search-repo.ts); autovacuum may be off or not yet run.
    if (changed >= ANALYZE_AFTER) await sql`analyze search_documents`.execute(db);
    return changed;
  }

  return { service: createSearchService({ db, index, concurrency }), indexArticle, indexStories, catchUp };
}

export type SearchModule = ReturnType<typeof createSearchModule>;
