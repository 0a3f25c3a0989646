import { SqliteAdapter, sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { postgresStoryTextRows, searchWords, storyTextIndex, storyTextRows, storyWordsIn } from '../db/index.js';
import type { ArticleStatus, Database } from '../db/index.js';

/**
 * Past this many stories matching a text search, the desk stops counting (the list says "2,000+")
 * and walks the stories in the order asked for instead of sorting every match: a word in half the
 * archive cost 250–450 ms to count and sort at 100,000 stories, and nobody pages through 2,000.
 */
export const TEXT_TOTAL_LIMIT = 2000;

/** Where a text search on SQLite reads matching stories' ids from first (`storyTextRows`). */
type TextDriver = ReturnType<typeof storyTextRows>;

/** What the desk's list shows of a story, as read from `articles` (the section's slug and name are joined). */
const SUMMARY_COLUMNS = ['id', 'slug', 'headline', 'status', 'modified_at', 'published_at', 'scheduled_at', 'version', 'section_id'] as const;

export interface AdminArticleFilter {
  status?: ArticleStatus;
  sectionId?: string;
  personId?: string;
  tagId?: string;
  /** Words to find in the headline or standfirst: anywhere in a word, or its start for one or two letters (`shortWord`). */
  text?: string;
  /** Inclusive ISO bounds on modified_at. */
  from?: string;
  to?: string;
  /** Only stories this user created or is an author of (contributors see their own). */
  ownedBy?: { userId: string; personId: string | null };
}

export type AdminArticleSort = 'modifiedAt' | 'publishedAt' | 'headline';

/** `eq`: `total` is every match; `gte`: there are more than `total` (a text search past TEXT_TOTAL_LIMIT). */
export type TotalRelation = 'eq' | 'gte';

export interface AdminArticleSummary {
  id: string;
  slug: string;
  headline: string;
  status: ArticleStatus;
  section: { id: string; slug: string; name: string };
  authors: { id: string; name: string }[];
  modifiedAt: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  version: number;
}

const SORT_COLUMNS = { modifiedAt: 'articles.modified_at', publishedAt: 'articles.published_at', headline: 'articles.headline' } as const;

/** The desk's story list: every status, filters, sorting and pages. */
export function createArticleAdminRepo(db: Kysely<Database>) {
  // SQLite has trigram and word indexes of headlines and standfirsts (migrations 0017, 0019) that
  // drive a text search from their side (`drivenBy`); on PostgreSQL a text search is a condition on
  // the story-text table (0022; the word table, 0020, for short words alone) that the planner joins
  // as it finds cheaper.
  const onSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  /**
   * The stories `filter` lets through; text by testing each story's headline and standfirst, unless
   * `from` is `drivenBy` a driver that has tested every word already. `from` is where the stories
   * are read from.
   */
  function filtered(filter: AdminArticleFilter, from: SelectQueryBuilder<Database, 'articles', {}> = db.selectFrom('articles'), textTested = false) {
    let q = from;
    if (filter.status) q = q.where('articles.status', '=', filter.status);
    if (filter.sectionId) q = q.where('articles.section_id', '=', filter.sectionId);
    if (filter.personId) {
      const personId = filter.personId;
      q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.person_id', '=', personId)));
    }
    if (filter.tagId) {
      const tagId = filter.tagId;
      q = q.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)));
    }
    if (filter.text && !textTested) {
      // PostgreSQL: the stories whose story-text row (migration 0022) holds every word. Its columns
      // have statistics, so the planner knows how many stories match and walks the order asked for
      // when they are many; tested on `articles` (a word table look-up per story for a short word)
      // it took "rajnath a" for 120 stories, not 4,252, and sorted them all: 46–61 ms, now 10–12.
      const storyText = onSqlite ? null : postgresStoryTextRows(searchWords(filter.text));
      q = q.where(storyText ? sql<SqlBool>`articles.id in ${storyText}` : storyWordsIn(filter.text, onSqlite ? 'sqlite' : 'postgres'));
    }
    if (filter.from) q = q.where('articles.modified_at', '>=', filter.from);
    if (filter.to) q = q.where('articles.modified_at', '<=', filter.to);
    if (filter.ownedBy) {
      const { userId, personId } = filter.ownedBy;
      q = q.where((eb) =>
        eb.or([
          eb('articles.created_by', '=', userId),
          ...(personId
            ? [eb.exists(eb.selectFrom('article_authors').select('article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.person_id', '=', personId))]
            : []),
        ]),
      );
    }
    return q;
  }

  /**
   * The story-text rows `driver` names first, then each story they name (SQLite keeps the order of
   * cross-joined tables), so a query can stop at a LIMIT without building the list of every match.
   * Kysely types the joined query with the extra table; the filters only read `articles`, so it is
   * handed to them as the plain story query it extends.
   */
  function drivenBy(driver: TextDriver) {
    return db.selectFrom(driver.as('m')).crossJoin('articles').whereRef('articles.id', '=', 'm.article_id') as unknown as SelectQueryBuilder<Database, 'articles', {}>;
  }

  /** How many rows `rows` (story-text rows, on either database) holds, counting up to TEXT_TOTAL_LIMIT + 1, without reading the stories. */
  async function countRowsToLimit(rows: RawBuilder<{ article_id: string }>): Promise<number> {
    return Number((await sql<{ n: number | string }>`select count(*) as n from (select 1 from ${rows} m limit ${TEXT_TOTAL_LIMIT + 1}) capped`.execute(db)).rows[0]!.n);
  }

  /** How many stories pass `filter`, counting up to TEXT_TOTAL_LIMIT + 1 (from `driver`'s index rows when given). */
  async function countUpToLimit(filter: AdminArticleFilter, driver: TextDriver | null): Promise<number> {
    const capped = (driver ? filtered(filter, drivenBy(driver), true) : filtered(filter))
      .select(sql<number>`1`.as('one'))
      .limit(TEXT_TOTAL_LIMIT + 1);
    const row = await db.selectFrom(capped.as('capped')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Whether `filter` asks for words and nothing else (the desk's "All" tab with a search). */
  function textOnly(filter: AdminArticleFilter): boolean {
    return Object.entries(filter).every(([key, value]) => key === 'text' || value === undefined);
  }

  /**
   * PostgreSQL, a text search and nothing else (the desk's "All" tab): every story has a row in the
   * story-text table (migration 0022), so its rows holding every word are the count, read without
   * the stories: `port at` 16 ms there against 74 ms testing each story found by the trigrams, at
   * 100,000 stories. Null when another filter needs the stories, or no word has a trigram.
   */
  function countTextOnly(filter: AdminArticleFilter): Promise<number> | null {
    const rows = textOnly(filter) ? postgresStoryTextRows(searchWords(filter.text)) : null;
    return rows && countRowsToLimit(rows);
  }

  /** The page in the order asked for: SQLite walks the stories in that order and stops at the page. */
  function walkedPage(filter: AdminArticleFilter, sort: AdminArticleSort, order: 'asc' | 'desc', page: number, pageSize: number, from: Kysely<Database> = db) {
    // A cross join, so SQLite starts from the stories in the order asked for and stops at the
    // page; joined the usual way it started from the few sections and sorted every story
    // (657 ms at 100,000 stories). PostgreSQL plans both forms alike.
    return filtered(filter, from.selectFrom('articles'))
      .crossJoin('sections')
      .whereRef('sections.id', '=', 'articles.section_id')
      .select([...SUMMARY_COLUMNS.map((c) => `articles.${c}` as const), 'sections.slug as section_slug', 'sections.name as section_name'])
      .orderBy(SORT_COLUMNS[sort], order)
      .orderBy('articles.id', order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
  }

  /**
   * A text search while it matches at most TEXT_TOTAL_LIMIT stories: up to one more are read with
   * every filter and word applied (on SQLite from `driver`'s rows), then sorted, paged and counted in
   * the same statement. Null when there are more: walking the stories in the order asked for then
   * finds the page sooner than sorting them all.
   */
  async function fewMatches(filter: AdminArticleFilter, driver: TextDriver | null, sort: AdminArticleSort, order: 'asc' | 'desc', page: number, pageSize: number) {
    // The limit also keeps PostgreSQL from walking the order asked for to meet the matches: "budget
    // to" (230 stories, most of them old) walked all 100,000 stories for its first page, 95–106 ms;
    // found from the story-text table and sorted, 6.
    const matches = (driver ? filtered(filter, drivenBy(driver), true) : filtered(filter))
      .select(SUMMARY_COLUMNS.map((c) => `articles.${c}` as const))
      .limit(TEXT_TOTAL_LIMIT + 1);
    const rows = await db
      .selectFrom(matches.as('c'))
      .crossJoin('sections')
      .whereRef('sections.id', '=', 'c.section_id')
      .selectAll('c')
      .select(['sections.slug as section_slug', 'sections.name as section_name', sql<number>`count(*) over ()`.as('matches')])
      .orderBy(sql.ref(`c.${SORT_COLUMNS[sort].slice('articles.'.length)}`), order)
      .orderBy('c.id', order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    // A page past the last has no row to carry the count.
    const total = rows.length ? Number(rows[0]!.matches) : await countUpToLimit(filter, driver);
    return total > TEXT_TOTAL_LIMIT ? null : { rows, total };
  }

  /**
   * PostgreSQL's estimate (EXPLAIN, under a millisecond) of how many stories hold every word, from
   * the story-text table's statistics (migration 0022); null when no word has a trigram.
   */
  async function estimatedTextMatches(filter: AdminArticleFilter): Promise<number | null> {
    const rows = postgresStoryTextRows(searchWords(filter.text));
    if (!rows) return null;
    const explained = await sql<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>`explain (format json) select 1 from ${rows} m`.execute(db);
    return explained.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? null;
  }

  /** The page of a text search matching more than TEXT_TOTAL_LIMIT stories: walked in the order asked for. */
  function walkedTextPage(filter: AdminArticleFilter, sort: AdminArticleSort, order: 'asc' | 'desc', page: number, pageSize: number) {
    // Past the first page PostgreSQL's planner reads the walk in parallel workers, whose start costs
    // more than the walk: "the rajnath", page 5, 34–38 ms, 22–24 without them (at 100,000 stories,
    // 2 cores). On the first page it walks alone anyway, and the transaction that turns them off
    // would cost its round trips.
    if (onSqlite || page === 1) return walkedPage(filter, sort, order, page, pageSize);
    return db.transaction().execute(async (trx) => {
      await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
      return walkedPage(filter, sort, order, page, pageSize, trx);
    });
  }

  /** A page of stories for the desk's list, and how many match (past TEXT_TOTAL_LIMIT, one more). */
  type ListedPage = { rows: Awaited<ReturnType<typeof walkedPage>>; total: number };

  /**
   * A text search on SQLite, read from its indexes' side (`drivenBy`). Every story has one
   * story-text row, so the driver's rows are the matches of a search for text alone, counted
   * without reading a story ("port at": 2,001 stories' rows read, 22 ms); with another filter they
   * only bound the matches, and `fewMatches` tells.
   */
  async function sqliteTextSearch(filter: AdminArticleFilter, sort: AdminArticleSort, order: 'asc' | 'desc', page: number, pageSize: number): Promise<ListedPage> {
    const words = searchWords(filter.text);
    const driver = storyTextRows(words, await storyTextIndex(db, words));
    const many = textOnly(filter) && (await countRowsToLimit(driver)) > TEXT_TOTAL_LIMIT;
    const few = many ? null : await fewMatches(filter, driver, sort, order, page, pageSize);
    return few ?? { rows: await walkedPage(filter, sort, order, page, pageSize), total: TEXT_TOTAL_LIMIT + 1 };
  }

  /**
   * A text search on PostgreSQL, whose planner joins the story-text table's conditions as it finds
   * cheaper. The count (to the limit; from the story-text table alone for words alone) and the walk
   * in the order asked for run side by side when the planner expects many matches. When it expects
   * few, they are counted first and sorted among themselves (`fewMatches`): walking for them read on
   * until the page was found, all 100,000 stories for "budget to" (230, most of them old), 95–106 ms
   * against 6. Side by side, a common "port at" takes the longer of its count and walk (12.6 and
   * 5.1 ms), one after the other their sum.
   */
  async function postgresTextSearch(filter: AdminArticleFilter, sort: AdminArticleSort, order: 'asc' | 'desc', page: number, pageSize: number): Promise<ListedPage> {
    const count = () => countTextOnly(filter) ?? countUpToLimit(filter, null);
    const expected = await estimatedTextMatches(filter);
    const counted = expected !== null && expected <= TEXT_TOTAL_LIMIT ? await count() : null;
    const few = counted !== null && counted <= TEXT_TOTAL_LIMIT ? await fewMatches(filter, null, sort, order, page, pageSize) : null;
    if (few) return few;
    const [rows, total] = await Promise.all([walkedTextPage(filter, sort, order, page, pageSize), counted ?? count()]);
    return { rows, total };
  }

  return {
    async list(filter: AdminArticleFilter, sort: AdminArticleSort, order: 'asc' | 'desc', page: number, pageSize: number): Promise<{ items: AdminArticleSummary[]; total: number; totalRelation: TotalRelation }> {
      let rows: Awaited<ReturnType<typeof walkedPage>>;
      let total: number;
      if (filter.text) ({ rows, total } = await (onSqlite ? sqliteTextSearch : postgresTextSearch)(filter, sort, order, page, pageSize));
      else {
        [rows, total] = await Promise.all([
          walkedPage(filter, sort, order, page, pageSize),
          filtered(filter)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
            .then((row) => Number(row.n)),
        ]);
      }
      const capped = total > TEXT_TOTAL_LIMIT;
      const authors = rows.length
        ? await db
            .selectFrom('article_authors')
            .innerJoin('people', 'people.id', 'article_authors.person_id')
            .select(['article_authors.article_id', 'people.id', 'people.name'])
            .where('article_authors.article_id', 'in', rows.map((r) => r.id))
            .orderBy('article_authors.position')
            .execute()
        : [];
      return {
        total: capped ? TEXT_TOTAL_LIMIT : total,
        totalRelation: capped ? 'gte' : 'eq',
        items: rows.map((r) => ({
          id: r.id,
          slug: r.slug,
          headline: r.headline,
          status: r.status,
          section: { id: r.section_id, slug: r.section_slug, name: r.section_name },
          authors: authors.filter((a) => a.article_id === r.id).map((a) => ({ id: a.id, name: a.name })),
          modifiedAt: r.modified_at,
          publishedAt: r.published_at,
          scheduledAt: r.scheduled_at,
          version: Number(r.version),
        })),
      };
    },
  };
}
