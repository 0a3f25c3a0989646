import type { IncomingMessage, ServerResponse } from 'node:http';
import { slugFromPathSegment } from '../shared/slug.js';
import { createCodingNegotiator } from './accept-encoding.js';
import type { PageCache } from './page-cache.js';
import { writeRepresentationRaw } from './representations.js';

/** The page cache's key for an article; the route that stores it and this fast path both use it. */
export const articleCacheKey = (sectionSlug: string, slug: string) => `/a/${sectionSlug}/${slug}`;

/** The route pattern cached articles are counted under in /metrics, as the Fastify route is. */
export const ARTICLE_ROUTE = '/:section/:slug';

// Two path segments and no query: what every link to an article on the site looks like.
const ARTICLE_PATH = /^\/([^/?#]+)\/([^/?#]+)$/;

export interface PageFastPathOptions {
  cache: PageCache;
  /** Counted like a routed request (ops/metrics.ts). */
  observe?: (route: string, method: string, status: number, seconds: number) => void;
}

/**
 * A cached article page answered on the server's own request event, before Fastify: routing,
 * hooks and the reply object cost a cached page about half its throughput (0.4–0.7× a bare
 * node:http server sending the same bytes). Only a GET or HEAD of `/<section>/<slug>`, with no
 * query, whose page the article route stored under the same key, is answered here; anything
 * else — a miss, a redirect to build, `/news/` or `?utm_source=…` — goes to Fastify, which
 * answers from the same cache entry with the same function (`writeRepresentationRaw`), so both
 * paths send the same bytes and headers. A key is only ever stored by the article route for the
 * URL that maps to it, so a URL another route owns (`/news/rss`, `/admin/login`) is never found
 * here.
 *
 * Returns false when the request is not for this path (the caller hands it to Fastify).
 */
export function createPageFastPath(options: PageFastPathOptions) {
  const { cache, observe } = options;
  const negotiate = createCodingNegotiator();

  return function takeCachedPage(request: IncomingMessage, response: ServerResponse): boolean {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const match = ARTICLE_PATH.exec(request.url ?? '');
    if (!match) return false;
    const sectionSlug = slugFromPathSegment(match[1]!);
    const slug = slugFromPathSegment(match[2]!);
    if (!sectionSlug || !slug) return false;
    const page = cache.peek(articleCacheKey(sectionSlug, slug));
    if (!page) return false;
    const started = observe ? performance.now() : 0;
    const status = writeRepresentationRaw(request, response, page.status, page.representations, negotiate(request.headers['accept-encoding']));
    observe?.(ARTICLE_ROUTE, method, status, (performance.now() - started) / 1000);
    return true;
  };
}
