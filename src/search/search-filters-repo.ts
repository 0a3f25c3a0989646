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
}

/** The filters as conditions on `search_documents d`; the same SQL on both databases. */
export function filterConditions(filters: SearchFilters): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (filters.section) out.push(sql<SqlBool>`d.section_id in (select id from sections where slug = ${filters.section})`);
  if (filters.author) {
    out.push(sql<SqlBool>`exists (select 1 from article_authors aa join people p on p.id = aa.person_id where aa.article_id = d.article_id and p.slug = ${filters.author})`);
  }
  if (filters.tag) out.push(sql<SqlBool>`exists (select 1 from article_tags atg join tags t on t.id = atg.tag_id where atg.article_id = d.article_id and t.slug = ${filters.tag})`);
  if (filters.from) out.push(sql<SqlBool>`d.published_at >= ${filters.from}`);
  if (filters.to) out.push(sql<SqlBool>`d.published_at < ${filters.to}`);
  return out;
}

export const andAll = (conditions: RawBuilder<SqlBool>[]) => (conditions.length ? sql<SqlBool>` and ${sql.join(conditions, sql` and `)}` : sql<SqlBool>``);
