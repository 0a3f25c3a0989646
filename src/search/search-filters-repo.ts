import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ParsedQuery } from './search-query.js';

/** What a search may be narrowed to; slugs as in the site's URLs, dates as ISO instants. */
export interface SearchFilters {
  section?: string;
  author?: string;
  tag?: string;
  /** Published at or after. */
  from?: string;
  /** Published before. */
  to?: string;
}

export type SearchSort = 'relevance' | 'newest';

/**
 * Relevance is ranked among at most this many matches, the newest (after the filters), on both
 * databases. Ranking costs a few microseconds a match (bm25, `ts_rank`): a word in 15% of
 * 100,000 stories took 27 ms to rank in full on SQLite and 130 ms on PostgreSQL, and a reader
 * looking for "government" wants a recent story about it, not the best of 2019. A query with fewer
 * matches (nearly every name, phrase or pair of words) is ranked in full. Past the window there are
 * no more relevance pages (the last says there is no next); newest first is always exact.
 * SQLite takes the most recently indexed matches (a story keeps its index row from first
 * publication, so this is close to the newest), PostgreSQL the latest `published_at`.
 */
export const RANK_WINDOW = 2000;

export interface SearchRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** A matching story with its highlighted headline and snippet, markers still in (search-highlight.ts). */
export interface RawHit {
  articleId: string;
  slug: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  headline: string;
  snippet: string;
}

/** The index adapter one database implements (fts5-search-repo.ts, tsvector-search-repo.ts). */
export interface SearchIndexRepo {
  write(doc: import('./search-source-repo.js').SearchDocument): Promise<void>;
  remove(articleId: string): Promise<void>;
  /** Ids of the page of matching stories, best (or newest) first. */
  search(request: SearchRequest): Promise<RawHit[]>;
  /** `articleIdColumn` is among the stories matching the query: for other modules' own listings. */
  matches(query: ParsedQuery, articleIdColumn: string): RawBuilder<SqlBool>;
  /**
   * Gives up to `limit` index rows written before their ranking vector existed (PostgreSQL,
   * migration 0021) theirs; how many it gave. Absent where ranking needs none (SQLite).
   */
  fillRankVectors?(limit: number): Promise<number>;
}

/** The filters as conditions on `search_documents d`; the same SQL on both databases. */
export function filterConditions(filters: SearchFilters): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  // `=` a scalar subquery (section slugs are unique), not `in`: PostgreSQL then reads the section's
  // rows from its index (0029) as a bitmap ANDed with the words' before any row is read, where `in`
  // joined every match of the words to the section (government in one section of six: 40 → 10 ms).
  if (filters.section) out.push(sql<SqlBool>`d.section_id = (select id from sections where slug = ${filters.section})`);
  if (filters.author) {
    out.push(sql<SqlBool>`exists (select 1 from article_authors aa join people p on p.id = aa.person_id where aa.article_id = d.article_id and p.slug = ${filters.author})`);
  }
  if (filters.tag) out.push(sql<SqlBool>`exists (select 1 from article_tags atg join tags t on t.id = atg.tag_id where atg.article_id = d.article_id and t.slug = ${filters.tag})`);
  if (filters.from) out.push(sql<SqlBool>`d.published_at >= ${filters.from}`);
  if (filters.to) out.push(sql<SqlBool>`d.published_at < ${filters.to}`);
  return out;
}

/**
 * The author and tag filters as the set of index rows they allow, found from the person or tag
 * (an index look-up each), for SQLite. FTS5 walks a common word's matches newest first and
 * checks each against the filter: as a correlated `exists` that cost ~1.4 µs a match (14 ms for
 * "police" by one author at 100,000 stories, walking all 10,000 matches to find 23); probing a
 * set built once (with SQLite's Bloom filter) took 1.3 ms. A section or a date range allows too
 * many stories for a set to pay (a sixth of the archive: 12.6 ms against 7.4 as a join), so those
 * stay conditions on `search_documents d`.
 */
export function storySets(filters: SearchFilters): RawBuilder<unknown>[] {
  const sets: RawBuilder<unknown>[] = [];
  if (filters.author) {
    sets.push(sql`select d.doc_id from people p join article_authors aa on aa.person_id = p.id join search_documents d on d.article_id = aa.article_id where p.slug = ${filters.author}`);
  }
  if (filters.tag) sets.push(sql`select d.doc_id from tags t join article_tags atg on atg.tag_id = t.id join search_documents d on d.article_id = atg.article_id where t.slug = ${filters.tag}`);
  return sets;
}

export const andAll = (conditions: RawBuilder<SqlBool>[]) => (conditions.length ? sql<SqlBool>` and ${sql.join(conditions, sql` and `)}` : sql<SqlBool>``);
