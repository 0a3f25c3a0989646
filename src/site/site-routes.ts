import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleReadRepo } from '../content/index.js';
import type { ViewCounter } from '../audience/index.js';
import { slugFromPathSegment } from '../shared/slug.js';
import type { PageBuilder } from './page-builder.js';
import { MAX_PAGE } from './page-builder.js';
import { representationsIn, type CachedPage, type PageCache } from './page-cache.js';
import type { SiteInfo } from './site-info.js';
import { createCodingNegotiator, type ContentCoding } from './accept-encoding.js';
import { answerRepresentations, COMPRESSED_CODINGS, prepareRepresentations, writeRepresentation, type Representations } from './representations.js';
import { articlePath } from './site-info.js';
import { pageSecurityHeaders } from '../shared/security-headers.js';
import { errorPage } from './templates/error-page.js';
import { pageBytes } from './page-bytes.js';
import { redirectTrailingSlash } from './trailing-slash.js';
import { viewRoutes } from './view-routes.js';
import { articleCacheKey } from './page-fast-path.js';
import { SITE_KEY } from './page-keys.js';
import type { StaticPage, Topic } from '../content/index.js';

export interface SiteLookups {
  sectionBySlug(slug: string): Promise<{ id: string; slug: string; name: string; description: string; position: number } | null>;
  personBySlug(slug: string): Promise<{ id: string; slug: string; name: string; bio: string; links: Record<string, string> } | null>;
  tagBySlug(slug: string): Promise<Topic | null>;
  staticPageBySlug(slug: string): Promise<StaticPage | null>;
}

export interface SiteRoutesOptions {
  pages: PageBuilder;
  read: ArticleReadRepo;
  lookups: SiteLookups;
  views: ViewCounter;
  cache: PageCache;
  site: () => SiteInfo;
}

const HTML_TYPE = 'text/html; charset=utf-8';
/** Browsers revalidate after a minute; a CDN may serve a stale copy while it refetches. */
const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400';

type Built = { status: number; body: string; keys: string[] } | { redirect: string };

/** Parses ?page=N: null means malformed (400), Infinity means beyond any listing (404). */
function pageNumber(query: unknown): number | null {
  const raw = (query as { page?: unknown } | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[0-9]{1,12}$/.test(raw)) return null;
  const n = Number(raw);
  if (n < 1) return null;
  return n > MAX_PAGE ? Infinity : n;
}

/** The public site: pages served from the page cache, rendered on a miss. */
export async function siteRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  const { pages, read, lookups, cache, site } = options;
  const negotiate = createCodingNegotiator();

  /**
   * Error pages say nothing about the request, so each is rendered and compressed
   * once per site settings (the site object is replaced when they or the sections
   * change), not once per 404 from every scanner that walks the site.
   */
  const errorPages = new WeakMap<SiteInfo, Map<string, Promise<Representations>>>();
  function errorRepresentations(status: number, detail: string | undefined): Promise<Representations> {
    const info = site();
    let forSite = errorPages.get(info);
    if (!forSite) errorPages.set(info, (forSite = new Map()));
    const key = `${status}:${detail ?? ''}`;
    let found = forSite.get(key);
    if (!found) {
      const headers = { ...pageSecurityHeaders(), 'content-type': HTML_TYPE, 'cache-control': status === 410 ? PAGE_CACHE_CONTROL : 'public, max-age=30' };
      found = prepareRepresentations({ body: Buffer.from(errorPage(info, status, detail)), headers }, COMPRESSED_CODINGS, 'page');
      forSite.set(key, found);
    }
    return found;
  }

  async function sendError(request: FastifyRequest, reply: FastifyReply, status: number, detail?: string) {
    writeRepresentation(request, reply, status, await errorRepresentations(status, detail), negotiate(request.headers['accept-encoding']));
  }

  /** A miss's build as every request waiting on it needs it: the stored page, a redirect, or nothing (404). */
  type Outcome = { page: CachedPage } | { redirect: string } | null;

  /** Builds a page and stores it, with the one coding the request that started the build takes. */
  async function buildPage(key: string, generation: number, coding: ContentCoding, build: () => Promise<Built | null>): Promise<Outcome> {
    const built = await build();
    if (!built || 'redirect' in built) return built;
    const headers = { ...pageSecurityHeaders(), 'content-type': HTML_TYPE, 'cache-control': PAGE_CACHE_CONTROL, 'surrogate-key': [SITE_KEY, ...built.keys].join(' ') };
    // Only the coding this reader takes, at a cheap setting; the cache makes every coding at
    // its storage setting if the page is asked for again (page-cache.ts).
    const source = { ...pageBytes(built.body, site().css), headers };
    return { page: cache.set(key, { status: built.status, generation, representations: answerRepresentations(source, coding), source }) };
  }

  /**
   * Serves from the cache, or builds, compresses, stores and serves; readers who miss the same page
   * at once share one build (`cache.build`). Handles ETag revalidation.
   */
  async function serve(request: FastifyRequest, reply: FastifyReply, key: string, build: () => Promise<Built | null>) {
    const coding = negotiate(request.headers['accept-encoding']);
    let page = cache.get(key);
    if (!page) {
      const outcome = await cache.build(key, (generation) => buildPage(key, generation, coding, build));
      if (!outcome) return sendError(request, reply, 404);
      if ('redirect' in outcome) return reply.code(301).header('cache-control', PAGE_CACHE_CONTROL).redirect(outcome.redirect, 301);
      page = outcome.page;
    }
    writeRepresentation(request, reply, page.status, representationsIn(page, coding), coding);
  }

  // The key changes when a front-page pin or the banner lapses, so the cached page does too.
  app.get('/', async (request, reply) => serve(request, reply, await pages.homeKey(), async () => ({ status: 200, body: await pages.home(), keys: ['home'] })));

  app.get<{ Params: { section: string } }>('/:section', async (request, reply) => {
    const slug = slugFromPathSegment(request.params.section);
    const page = pageNumber(request.query);
    if (page === null) return sendError(request, reply, 400, 'The page number must be a whole number from 1.');
    if (!slug || page === Infinity) return sendError(request, reply, 404);
    // The minute of the most-read lists is part of the key: a cached section page lags at most a minute.
    return serve(request, reply, `/s/${slug}?${page}#${pages.mostReadStamp()}`, async () => {
      const section = await lookups.sectionBySlug(slug);
      if (!section) {
        // Static pages (/about, /privacy) share this namespace; their slugs never clash with a section's.
        const staticPage = page === 1 ? await lookups.staticPageBySlug(slug) : null;
        return staticPage ? { status: 200, body: await pages.staticPage(staticPage), keys: [`page-${staticPage.id}`] } : null;
      }
      const body = await pages.section(section, page);
      return body ? { status: 200, body, keys: [`section-${section.slug}`] } : null;
    });
  });

  app.get<{ Params: { section: string; slug: string } }>('/:section/:slug', async (request, reply) => {
    const sectionSlug = slugFromPathSegment(request.params.section);
    const slug = slugFromPathSegment(request.params.slug);
    if (sectionSlug === 'api') return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route GET ${request.url.split('?')[0]}` } });
    // The router gives `/news/` to this route with an empty slug.
    if (request.params.slug === '' && redirectTrailingSlash(request, reply, PAGE_CACHE_CONTROL)) return reply;
    if (!sectionSlug || !slug) return sendError(request, reply, 404);
    if (sectionSlug === 'author' || sectionSlug === 'topic') return listingByKind(request, reply, sectionSlug, slug);
    return serve(request, reply, articleCacheKey(sectionSlug, slug), async () => {
      const found = await read.viewBySlug(slug);
      if (!found) return null;
      const { article } = found;
      if (article.status === 'unpublished') return { status: 410, body: errorPage(site(), 410), keys: [`article-${article.id}`] };
      if (article.status !== 'published') return null;
      // Old slugs and moved sections answer with a permanent redirect to the one true URL.
      if (!found.current || article.section.slug !== sectionSlug) return { redirect: articlePath(article.section.slug, article.slug) };
      return { status: 200, body: await pages.article(article), keys: [`article-${article.id}`, `section-${article.section.slug}`] };
    });
  });

  // Named routes, not only the `/:section/:slug` branch above: the router prefers a static first
  // segment, so these keep `/author/rss` (a person with the slug "rss") from the feeds' `/:section/rss`.
  for (const kind of ['author', 'topic'] as const) {
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug`, async (request, reply) => {
      if (request.params.slug === '' && redirectTrailingSlash(request, reply, PAGE_CACHE_CONTROL)) return reply;
      const slug = slugFromPathSegment(request.params.slug);
      return slug ? listingByKind(request, reply, kind, slug) : sendError(request, reply, 404);
    });
  }

  async function listingByKind(request: FastifyRequest, reply: FastifyReply, kind: 'author' | 'topic', slug: string) {
    const page = pageNumber(request.query);
    if (page === null) return sendError(request, reply, 400, 'The page number must be a whole number from 1.');
    if (page === Infinity) return sendError(request, reply, 404);
    return serve(request, reply, `/${kind}/${slug}?${page}`, async () => {
      if (kind === 'author') {
        const person = await lookups.personBySlug(slug);
        const body = person && (await pages.author(person, page));
        return body ? { status: 200, body, keys: [`author-${person.id}`] } : null;
      }
      const tag = await lookups.tagBySlug(slug);
      const body = tag && (await pages.topic(tag, page));
      return body ? { status: 200, body, keys: [`topic-${tag.id}`] } : null;
    });
  }

  // The view beacon (POST) and the number it keeps right on cached pages (GET): view-routes.ts.
  await viewRoutes(app, { views: options.views });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
    if (redirectTrailingSlash(request, reply, PAGE_CACHE_CONTROL)) return reply;
    return sendError(request, reply, 404);
  });
}

/** A short content hash, for cache-busting asset URLs. */
export function contentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}
