import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** The surrogate key every public page and feed carries: purging it empties a CDN of the site. */
export const SITE_KEY = 'site';

/**
 * The surrogate key of every Content API answer. A story is in many of them (lists, filters, its
 * own), which no one key per story could name: a change to any story purges them all, as it
 * retires them all in the process's own answer cache (content-api-routes.ts).
 */
export const CONTENT_API_KEY = 'content-api';

/** Keys of what any published story appears in besides its own page: the home page, feeds, sitemaps and the Content API's answers. */
export const LISTING_KEYS = ['home', 'feeds', 'sitemaps', CONTENT_API_KEY] as const;

/**
 * The surrogate keys of every page that shows an article (the keys site-routes.ts and the feeds
 * put on them): its own page, its section's, each byline's and topic's page, the home page,
 * feeds and sitemaps. Read before and after a change, so a story leaving a section or a byline
 * purges the old one too. An unknown id has only the listings.
 */
export async function articlePageKeys(db: Kysely<Database>, articleId: string): Promise<string[]> {
  const [article, authors, tags] = await Promise.all([
    db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.id', 'sections.slug']).where('articles.id', '=', articleId).executeTakeFirst(),
    db.selectFrom('article_authors').select('person_id').where('article_id', '=', articleId).execute(),
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute(),
  ]);
  if (!article) return [...LISTING_KEYS];
  return [`article-${article.id}`, `section-${article.slug}`, ...authors.map((a) => `author-${a.person_id}`), ...tags.map((t) => `topic-${t.tag_id}`), ...LISTING_KEYS];
}
