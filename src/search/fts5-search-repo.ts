import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/index.js';
import { andAll, filterConditions, RANK_WINDOW, storySets, type RawHit, type SearchFilters, type SearchIndexRepo, type SearchRequest } from './search-filters-repo.js';
import { fts5Match, type ParsedQuery } from './search-query.js';
import type { SearchDocument } from './search-source-repo.js';

/** bm25 with the column weights the migration set as the table's rank (headline 10, standfirst/tags/authors 4, body 1). */
const BM25 = sql`search_fts.rank`;
const SNIPPET_WORDS = 28;

interface Dated {
  doc_id: number;
  published_at: string;
}
/** Newest first, and among stories of the same instant the later index row first: the page's order. */
const newestFirst = (a: Dated, b: Dated) => (a.published_at === b.published_at ? b.doc_id - a.doc_id : a.published_at < b.published_at ? 1 : -1);

/**
 * Newest first, a page of matches is taken from FTS5's walk down the index rows, newest row first
 * (a story keeps the row it was first indexed with, so the walk runs close to newest first), and
 * made exact by looking up what the walk could have missed: stories whose row is older than the
 * walk reached but whose date is as new as its page's last. Sorting every match by date instead
 * read every match first: at 100,000 stories `"in the"` (18,983 matches) took 38 ms, `the` 30,
 * `"prime minister"` 23; walked, 2–4 ms. A story re-dated after it was first indexed is such a
 * miss; with more than `NEWEST_STRAY_LIMIT` of them within the page's dates (an index written in no
 * order of date) the page is sorted from every match, as before, and so is a page more than
 * `NEWEST_WALK_LIMIT` stories deep. Looking a stray up by its row re-runs the match for it (about
 * 0.1–0.3 ms each), hence the limit.
 */
export const NEWEST_WALK_LIMIT = 1000;
export const NEWEST_STRAY_LIMIT = 16;
/** The walk's matches spread over more index rows than this (a rarer word, a deep page): sorted. */
export const NEWEST_SPAN_LIMIT = 5000;

export interface Fts5SearchOptions {
  /** Told how each newest-first page was found: 'walk', 'walk and N strays', or 'sorted'. */
  onRoute?: (route: string) => void;
  /** Pages deeper than this are sorted from every match (tests lower it). */
  walkLimit?: number;
  /** More stories than this out of order within a page's dates and it is sorted from every match. */
  strayLimit?: number;
  /** Matches spread over more index rows than this and the page is sorted from every match. */
  spanLimit?: number;
}

/**
 * SQLite: an FTS5 table (unicode61, diacritics folded, so Devanagari and accented names work)
 * keyed by `search_documents.doc_id`. Snippets are made in a second query for the page's rows
 * only, because SQLite would otherwise make one for every match before sorting.
 */
export function createFts5SearchRepo(db: Kysely<Database>, options: Fts5SearchOptions = {}): SearchIndexRepo {
  const walkLimit = options.walkLimit ?? NEWEST_WALK_LIMIT;
  const strayLimit = options.strayLimit ?? NEWEST_STRAY_LIMIT;
  const spanLimit = options.spanLimit ?? NEWEST_SPAN_LIMIT;

  async function docId(articleId: string): Promise<number | null> {
    const row = await sql<{ doc_id: number }>`select doc_id from search_documents where article_id = ${articleId}`.execute(db);
    return row.rows[0]?.doc_id ?? null;
  }

  /**
   * The newest-first page from the walk (see NEWEST_WALK_LIMIT), or null when it must be sorted
   * from every match. Exact: a match the walk did not reach has an older index row than every row
   * it did; it belongs on the page only if it is at least as new as the page's last story, and every
   * story that new with an older row is looked up (a few, by their rows) and checked.
   */
  async function newestByWalk(match: string, conditions: RawBuilder<SqlBool>[], filters: SearchFilters, request: SearchRequest): Promise<{ doc_id: number }[] | null> {
    const wanted = request.offset + request.limit;
    // A byline or topic narrows a word to a few of its matches, and an end date starts the page in
    // the past: either way the walk would pass over most matches to find a page, and sorting them
    // reads each once. What is left to filter on is the index row's own section and date.
    if (wanted > walkLimit || filters.author || filters.tag || filters.to) return sorted();
    const walked = (
      await sql<Dated & { newest_row: number }>`select search_fts.rowid as doc_id, d.published_at, (select max(doc_id) from search_documents) as newest_row
        from search_fts join search_documents d on d.doc_id = search_fts.rowid
        where search_fts match ${match}${andAll(conditions)} order by search_fts.rowid desc limit ${wanted}`.execute(db)
    ).rows;
    let found: Dated[] = walked;
    if (walked.length === wanted) {
      // The walk stopped before the matches ran out: what it passed by is older by row.
      const oldestRow = walked[walked.length - 1]!.doc_id;
      // Looking for strays reads every story of the page's dates: for a rare word or a narrow filter
      // that is far more stories than sorting its matches would read.
      if (walked[0]!.newest_row - oldestRow > spanLimit) return sorted();
      const last = walked.sort(newestFirst)[wanted - 1]!.published_at;
      const strays = (
        await sql<Dated>`select d.doc_id, d.published_at from search_documents d
          where d.published_at >= ${last} and d.doc_id < ${oldestRow}${andAll(filterConditions(filters))}
          order by d.published_at desc limit ${strayLimit + 1}`.execute(db)
      ).rows;
      if (strays.length > strayLimit) return sorted();
      if (strays.length) {
        const matching = new Set(
          (await sql<{ doc_id: number }>`select rowid as doc_id from search_fts where search_fts match ${match} and rowid in (${sql.join(strays.map((r) => r.doc_id))})`.execute(db)).rows.map((r) => r.doc_id),
        );
        found = [...walked, ...strays.filter((r) => matching.has(r.doc_id))];
      }
      options.onRoute?.(strays.length ? `walk and ${strays.length} strays` : 'walk');
    } else options.onRoute?.('walk');
    return found.sort(newestFirst).slice(request.offset, wanted);

    function sorted(): null {
      options.onRoute?.('sorted');
      return null;
    }
  }

  return {
    async write(doc: SearchDocument) {
      let id = await docId(doc.articleId);
      if (id === null) {
        const inserted = await sql<{ doc_id: number }>`insert into search_documents (article_id, version, section_id, published_at) values (${doc.articleId}, ${doc.version}, ${doc.sectionId}, ${doc.publishedAt}) returning doc_id`.execute(db);
        id = inserted.rows[0]!.doc_id;
      } else {
        await db.updateTable('search_documents').set({ version: doc.version, section_id: doc.sectionId, published_at: doc.publishedAt }).where('article_id', '=', doc.articleId).execute();
        await sql`delete from search_fts where rowid = ${id}`.execute(db);
      }
      await sql`insert into search_fts (rowid, headline, standfirst, tags, authors, body) values (${id}, ${doc.headline}, ${doc.standfirst}, ${doc.tags}, ${doc.authors}, ${doc.body})`.execute(db);
    },

    async remove(articleId: string) {
      const id = await docId(articleId);
      if (id === null) return;
      await sql`delete from search_fts where rowid = ${id}`.execute(db);
      await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
    },

    async search(request: SearchRequest): Promise<RawHit[]> {
      const match = fts5Match(request.query);
      const { author, tag, ...onDocument } = request.filters;
      // `+rowid`: a set SQLite builds once and probes, not a rowid constraint handed to FTS5,
      // which re-runs the whole match for each value (22 ms for 250 stories).
      const conditions = [...storySets({ author, tag }).map((set) => sql<SqlBool>`+search_fts.rowid in (${set})`), ...filterConditions(onDocument)];
      const joined = Object.values(onDocument).some(Boolean) ? sql`join search_documents d on d.doc_id = search_fts.rowid` : sql``;
      // FTS5 walks matches newest rowid first and stops at the window; only those are ranked.
      const candidates = sql`select search_fts.rowid as doc_id, ${BM25} as score from search_fts ${joined}
        where search_fts match ${match}${andAll(conditions)} order by search_fts.rowid desc limit ${RANK_WINDOW}`;
      const page =
        request.sort === 'relevance'
          ? (await sql<{ doc_id: number }>`select doc_id from (${candidates}) order by score, doc_id desc limit ${request.limit} offset ${request.offset}`.execute(db)).rows
          : ((await newestByWalk(match, conditions, request.filters, request)) ??
            (await sql<{ doc_id: number }>`
            select d.doc_id from search_fts join search_documents d on d.doc_id = search_fts.rowid
            where search_fts match ${match}${andAll(conditions)}
            order by d.published_at desc, d.doc_id desc
            limit ${request.limit} offset ${request.offset}`.execute(db)).rows);
      if (!page.length) return [];
      const ids = sql.join(page.map((r) => r.doc_id));
      // Highlights from the FTS table alone: joined to other tables, FTS5 gave one row's highlight to another.
      const [marked, stories] = await Promise.all([
        sql<{ doc_id: number; headline: string; snippet: string }>`
          select rowid as doc_id, highlight(search_fts, 0, char(1), char(2)) as headline, snippet(search_fts, 4, char(1), char(2), '…', ${SNIPPET_WORDS}) as snippet
          from search_fts where search_fts match ${match} and rowid in (${ids})`.execute(db),
        sql<Omit<RawHit, 'headline' | 'snippet'> & { doc_id: number }>`
          select d.doc_id, d.article_id as "articleId", a.slug, s.slug as "sectionSlug", s.name as "sectionName", d.published_at as "publishedAt"
          from search_documents d join articles a on a.id = d.article_id join sections s on s.id = a.section_id
          where d.doc_id in (${ids})`.execute(db),
      ]);
      const marks = new Map(marked.rows.map((r) => [r.doc_id, r]));
      const byId = new Map(stories.rows.map(({ doc_id, ...story }) => [doc_id, { ...story, headline: marks.get(doc_id)?.headline ?? '', snippet: marks.get(doc_id)?.snippet ?? '' }]));
      return page.flatMap((r) => byId.get(r.doc_id) ?? []);
    },

    matches(query: ParsedQuery, articleIdColumn: string) {
      return sql<SqlBool>`${sql.ref(articleIdColumn)} in (select d.article_id from search_fts join search_documents d on d.doc_id = search_fts.rowid where search_fts match ${fts5Match(query)})`;
    },
  };
}
