import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/index.js';
import { andAll, filterConditions, type RawHit, type SearchIndexRepo, type SearchRequest } from './search-filters-repo.js';
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

/** PostgreSQL: a weighted tsvector per story with a GIN index; snippets by ts_headline for the page's rows only. */
export function createTsvectorSearchRepo(db: Kysely<Database>): SearchIndexRepo {
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
      const order = request.sort === 'newest' ? sql`d.published_at desc` : sql`ts_rank_cd(${WEIGHTS}, d.document, q.query) desc, d.published_at desc`;
      const page = await sql<Omit<RawHit, 'headline' | 'snippet'>>`
        with q as (select ${query} as query)
        select d.article_id as "articleId", a.slug, s.slug as "sectionSlug", s.name as "sectionName", d.published_at as "publishedAt"
        from search_documents d
        cross join q
        join articles a on a.id = d.article_id
        join sections s on s.id = a.section_id
        where d.document @@ q.query${andAll(filterConditions(request.filters))}
        order by ${order}
        limit ${request.limit} offset ${request.offset}`.execute(db);
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
