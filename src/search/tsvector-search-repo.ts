import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/index.js';
import { andAll, filterConditions, RANK_WINDOW, type RawHit, type SearchIndexRepo, type SearchRequest } from './search-filters-repo.js';
import type { ParsedQuery, SearchClause } from './search-query.js';
import type { SearchDocument } from './search-source-repo.js';

/** ts_rank_cd weights for D, C, B, A: body, —, standfirst/tags/authors, headline. */
const WEIGHTS = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`;
// A tsvector holds at most 1 MB; no story's text comes near it, but a pasted archive might.
const MAX_FIELD_CHARS = 200_000;
const HEADLINE_OPTIONS = 'HighlightAll=true, StartSel=\u0001, StopSel=\u0002';
const SNIPPET_OPTIONS = 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", StartSel=\u0001, StopSel=\u0002';

/**
 * The tsquery from quoted phrases: each goes through `phraseto_tsquery('simple', …)`, which
 * takes any text, and the operators are ours. 'simple' does no stemming, so Hindi and English
 * names are matched as written (case folded).
 */
export function tsQuery(query: ParsedQuery): RawBuilder<unknown> {
  const phrase = (p: string) => sql`phraseto_tsquery('simple', ${p})`;
  const group = (c: SearchClause) => (c.phrases.length === 1 ? phrase(c.phrases[0]!) : sql`(${sql.join(c.phrases.map(phrase), sql` || `)})`);
  const positive = sql.join(query.clauses.filter((c) => !c.negated).map(group), sql` && `);
  const negative = query.clauses.filter((c) => c.negated).map((c) => sql` && !!${group(c)}`);
  return sql`(${positive}${sql.join(negative, sql``)})`;
}

const vector = (text: string, weight: string) => sql`setweight(to_tsvector('simple', ${text.slice(0, MAX_FIELD_CHARS)}), ${sql.lit(weight)})`;

interface PlanNode {
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/** PostgreSQL: a weighted tsvector per story with a GIN index; snippets by ts_headline for the page's rows only. */
export function createTsvectorSearchRepo(db: Kysely<Database>): SearchIndexRepo {
  /**
   * Whether the newest `wanted` matches are found faster by walking the published_at index down,
   * checking each story, than by taking every match from the GIN index and sorting them by date.
   * The walk reads each story's tsvector (kept out of line: ~4 µs a story) and stops after about
   * wanted × stories / matches of them; the GIN index names the matches without reading them
   * (~2.5 µs a match to fetch the row). So the walk pays when matches² > wanted × stories: at
   * 100,000 stories and a window of 2,000, for a word in more than ~14% of them, and for a common
   * phrase, whose GIN matches would each be read to check the words' positions.
   * PostgreSQL's planner does not count the reading of a tsvector: left to itself it walked for a
   * word in 10% of stories (3× slower than the GIN index), and through 80% of the archive for a
   * common word in one section (600 ms against 45). Its estimates of how many stories match are
   * good, though, so they are asked for (EXPLAIN, which plans without running: under a millisecond)
   * and the choice is made here. Without statistics (a table never analysed) it guesses that few
   * stories match, and the GIN index is used.
   */
  async function worthWalking(matching: RawBuilder<SqlBool>, wanted: number): Promise<boolean> {
    const explained = await sql<{ 'QUERY PLAN': { Plan: PlanNode }[] }>`
      explain (format json) select from search_documents d where ${matching} union all select from search_documents`.execute(db);
    const [matches, stories] = explained.rows[0]?.['QUERY PLAN'][0]?.Plan.Plans?.map((p) => p['Plan Rows']) ?? [];
    // A plan of another shape: the planner chooses.
    if (matches === undefined || stories === undefined) return true;
    return matches * matches > wanted * stories;
  }

  return {
    async write(doc: SearchDocument) {
      const document = sql`${vector(doc.headline, 'A')} || ${vector(doc.standfirst, 'B')} || ${vector(doc.tags, 'B')} || ${vector(doc.authors, 'B')} || ${vector(doc.body, 'D')}`;
      await sql`
        insert into search_documents (article_id, version, section_id, published_at, headline, standfirst, tags, authors, body, document)
        values (${doc.articleId}, ${doc.version}, ${doc.sectionId}, ${doc.publishedAt}, ${doc.headline}, ${doc.standfirst}, ${doc.tags}, ${doc.authors}, ${doc.body.slice(0, MAX_FIELD_CHARS)}, ${document})
        on conflict (article_id) do update set version = excluded.version, section_id = excluded.section_id, published_at = excluded.published_at,
          headline = excluded.headline, standfirst = excluded.standfirst, tags = excluded.tags, authors = excluded.authors, body = excluded.body, document = excluded.document`.execute(db);
    },

    async remove(articleId: string) {
      await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
    },

    async search(request: SearchRequest): Promise<RawHit[]> {
      const query = tsQuery(request.query);
      // The tsquery is written out wherever it is used (not shared through a CTE), so the planner
      // sees a constant and estimates from the column's statistics how many stories match.
      const matching = sql<SqlBool>`d.document @@ ${query}${andAll(filterConditions(request.filters))}`;
      const wanted = request.sort === 'newest' ? request.offset + request.limit : RANK_WINDOW;
      // Matches newest first: for a common word the planner walks the published_at index down and
      // stops at `wanted`; for fewer matches `offset 0` keeps it from walking, so it takes them all
      // from the GIN index and sorts them.
      const newest = (await worthWalking(matching, wanted))
        ? sql`select d.article_id, d.published_at, d.document from search_documents d where ${matching} order by d.published_at desc`
        : sql`select * from (select d.article_id, d.published_at, d.document from search_documents d where ${matching} offset 0) d order by d.published_at desc`;
      const ranked =
        request.sort === 'newest'
          ? sql`select n.article_id, n.published_at, 0 as score from (${newest} limit ${request.limit} offset ${request.offset}) n`
          : // Relevance among the newest RANK_WINDOW matches only, as on SQLite (search-filters-repo.ts).
            sql`select w.article_id, w.published_at, ts_rank_cd(${WEIGHTS}, w.document, ${query}) as score
              from (${newest} limit ${RANK_WINDOW}) w
              order by score desc, w.published_at desc limit ${request.limit} offset ${request.offset}`;
      // Stories are joined for the page's rows only.
      const page = await sql<Omit<RawHit, 'headline' | 'snippet'>>`
        select p.article_id as "articleId", a.slug, s.slug as "sectionSlug", s.name as "sectionName", p.published_at as "publishedAt"
        from (${ranked}) p
        join articles a on a.id = p.article_id
        join sections s on s.id = a.section_id
        order by p.score desc, p.published_at desc`.execute(db);
      if (!page.rows.length) return [];
      const marked = await sql<{ article_id: string; headline: string; snippet: string }>`
        with q as (select ${query} as query)
        select d.article_id, ts_headline('simple', d.headline, q.query, ${HEADLINE_OPTIONS}) as headline,
          ts_headline('simple', case when d.body = '' then d.standfirst else d.body end, q.query, ${SNIPPET_OPTIONS}) as snippet
        from search_documents d cross join q
        where d.article_id in (${sql.join(page.rows.map((r) => r.articleId))})`.execute(db);
      const byId = new Map(marked.rows.map((r) => [r.article_id, r]));
      return page.rows.map((hit) => ({ ...hit, headline: byId.get(hit.articleId)?.headline ?? '', snippet: byId.get(hit.articleId)?.snippet ?? '' }));
    },

    matches(query: ParsedQuery, articleIdColumn: string) {
      return sql<SqlBool>`${sql.ref(articleIdColumn)} in (select d.article_id from search_documents d where d.document @@ ${tsQuery(query)})`;
    },
  };
}
