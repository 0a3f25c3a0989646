import type { IncomingMessage, ServerResponse } from 'node:http';
import { slugFromPathSegment } from '../shared/slug.js';
import { createCodingNegotiator } from './accept-encoding.js';
import { representationsIn, type PageCache } from './page-cache.js';
import { writeRepresentationRaw } from './representations.js';
import { requestIdFor } from '../shared/request-id.js';

/** The page cache's key for an article; the route that stores it and this fast path both use it. */
export const articleCacheKey = (sectionSlug: string, slug: string) => `/a/${sectionSlug}/${slug}`;

/** The route pattern cached articles are counted under in /metrics, as the Fastify route is. */
export const ARTICLE_ROUTE = '/:section/:slug';

// Two path segments and no query: what every link to an article on the site looks like.
const ARTICLE_PATH = /^\/([^/?#]+)\/([^/?#]+)$/;

export interface PageFastPathOptions {
  cache: PageCache;
  /** Counted with the routed requests in /metrics (ops/metrics.ts). */
  count?: (route: string, method: string, status: number) => void;
}

/** URLs already mapped to their cache key (or to none); bounded, as readers choose URLs. */
const KEYS_REMEMBERED = 10_000;

/**
 * A cached article page answered on the server's own request event, before Fastify: routing,
 * hooks and the reply object cost a cached page about half its throughput. Only a GET or HEAD of
 * `/<section>/<slug>`, with no query, whose page the article route stored under the same key, is
 * answered here; anything else — a miss, a redirect to build, `/news/` or `?utm_source=…` — goes
 * to Fastify, which answers from the same cache entry with the same function
 * (`writeRepresentationRaw`), so both paths send the same bytes and headers. A key is only ever
 * stored by the article route for the URL that maps to it, so a URL another route owns
 * (`/news/rss`, `/admin/login`) is never found here.
 *
 * Each step is the cheapest that is still right, measured against a bare node:http server sending
 * the same bytes (12.5 µs of CPU an answer): a URL's key is worked out once (decoding and
 * normalising the slugs cost ~1 µs), the request id is made here and not attached to the request
 * (a new property on node's request object cost more than the id), and the count is a map
 * increment (see ops/metrics.ts).
 *
 * Returns false when the request is not for this path (the caller hands it to Fastify).
 */
export function createPageFastPath(options: PageFastPathOptions) {
  const { cache, count } = options;
  const negotiate = createCodingNegotiator();
  const keys = new Map<string, string | null>();

  function keyOf(url: string): string | null {
    let key = keys.get(url);
    if (key !== undefined) return key;
    const match = ARTICLE_PATH.exec(url);
    const sectionSlug = match && slugFromPathSegment(match[1]!);
    const slug = match && slugFromPathSegment(match[2]!);
    key = sectionSlug && slug ? articleCacheKey(sectionSlug, slug) : null;
    if (keys.size >= KEYS_REMEMBERED) keys.clear();
    keys.set(url, key);
    return key;
  }

  return function takeCachedPage(request: IncomingMessage, response: ServerResponse): boolean {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const key = keyOf(request.url ?? '');
    if (!key) return false;
    const page = cache.peek(key);
    if (!page) return false;
    const coding = negotiate(request.headers['accept-encoding']);
    const status = writeRepresentationRaw(request, response, page.status, representationsIn(page, coding), coding, requestIdFor(request));
    count?.(ARTICLE_ROUTE, method, status);
    return true;
  };
}
