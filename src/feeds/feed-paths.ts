/**
 * Where feeds and sitemaps live, and the public pages they point at. The page paths are the
 * site's own (src/site/site-info.ts; a test checks they agree): feeds sit beneath the site and
 * may not import it.
 *
 * Path scheme (docs: README "Feeds and sitemaps"):
 * - site: `/rss`, `/atom.xml`, `/feed.json`
 * - a section: `/{section}/rss`, `/{section}/atom.xml`, `/{section}/feed.json`
 * - an author or topic: `/author/{slug}/rss`, `/topic/{slug}/atom.xml`, …
 * - sitemaps: `/sitemap.xml` (the index), `/sitemaps/articles-YYYY-MM.xml`, `/sitemaps/sections.xml`,
 *   `/sitemaps/authors.xml`, `/sitemaps/topics.xml`, and `/news-sitemap.xml`.
 *
 * Slugs never contain a dot, so `atom.xml`, `feed.json` and every sitemap path can never be a
 * story's address. `rss` could be: the article service never gives a story that slug
 * (RESERVED_ARTICLE_SLUGS), and the site routes `/author/:slug` and `/topic/:slug` explicitly so
 * that a person or tag named "RSS" keeps its page.
 */
export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss', atom: 'atom.xml', json: 'feed.json' };

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

export const SITEMAP_INDEX_PATH = '/sitemap.xml';
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml';

/** Whose feed: the whole site, or one section, author or topic (by slug). */
export type FeedOwner = { kind: 'site' } | { kind: 'section' | 'author' | 'topic'; slug: string };

export function articlePath(sectionSlug: string, articleSlug: string): string {
  return `/${encodeURIComponent(sectionSlug)}/${encodeURIComponent(articleSlug)}`;
}

/** The public page a feed belongs to: `/`, `/news`, `/author/asha-rao`, `/topic/monsoon`. */
export function ownerPath(owner: FeedOwner): string {
  if (owner.kind === 'site') return '/';
  if (owner.kind === 'section') return `/${encodeURIComponent(owner.slug)}`;
  return `/${owner.kind}/${encodeURIComponent(owner.slug)}`;
}

export function feedPath(owner: FeedOwner, format: FeedFormat): string {
  const page = ownerPath(owner);
  return `${page === '/' ? '' : page}/${FEED_FILES[format]}`;
}

export function monthSitemapPath(month: string, page = 1): string {
  return `/sitemaps/articles-${month}.xml${page > 1 ? `?page=${page}` : ''}`;
}

export function listingSitemapPath(kind: 'sections' | 'authors' | 'topics', page = 1): string {
  return `/sitemaps/${kind}.xml${page > 1 ? `?page=${page}` : ''}`;
}

/** The absolute URLs robots.txt names, so crawlers find the sitemaps without being told. */
export function sitemapUrls(siteUrl: string): string[] {
  return [siteUrl + SITEMAP_INDEX_PATH, siteUrl + NEWS_SITEMAP_PATH];
}

/** A `<link rel="alternate">` a page carries for each of its feeds. */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/**
 * The alternate links for a page's feeds, absolute, titled "Site name: Section (RSS)".
 *
 * @example
 *   feedLinks('https://news.example.com', 'The Times', { kind: 'section', slug: 'sport' }, 'Sport')[0]
 *   // { type: 'application/rss+xml', title: 'The Times: Sport (RSS)', href: 'https://news.example.com/sport/rss' }
 */
export function feedLinks(siteUrl: string, siteName: string, owner: FeedOwner, ownerName?: string): FeedLink[] {
  const name = owner.kind === 'site' || !ownerName ? siteName : `${siteName}: ${ownerName}`;
  return (['rss', 'atom', 'json'] as const).map((format) => ({ type: FEED_TYPES[format], title: `${name} (${FORMAT_NAMES[format]})`, href: siteUrl + feedPath(owner, format) }));
}
