import type { Insertable } from 'kysely';
import type { ArticleTable } from './schema.js';

/**
 * A published story as one `articles` row, for code that writes archives straight into the table
 * (`npm run seed:archive`, the search bench and tests) rather than through the article service:
 * created, modified and first published at `at`, version 1.
 */
export function publishedArticleRow(input: { id: string; slug: string; sectionId: string; headline: string; standfirst: string; body: string; at: string; views?: number }): Insertable<ArticleTable> {
  return {
    id: input.id,
    slug: input.slug,
    section_id: input.sectionId,
    headline: input.headline,
    standfirst: input.standfirst,
    body: input.body,
    status: 'published',
    language: 'en',
    created_at: input.at,
    modified_at: input.at,
    published_at: input.at,
    first_published_at: input.at,
    version: 1,
    views: input.views ?? 0,
  };
}
