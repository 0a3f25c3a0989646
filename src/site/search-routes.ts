import type { FastifyInstance } from 'fastify';
import type { SearchService } from '../search/index.js';
import { MAX_SEARCH_PAGE } from '../search/index.js';
import { pageSecurityHeaders } from '../shared/security-headers.js';
import { createCodingNegotiator } from './accept-encoding.js';
import { pageBytes } from './page-bytes.js';
import { answerRepresentations, writeRepresentation } from './representations.js';
import type { SiteInfo } from './site-info.js';
import { searchPage, type SearchForm } from './templates/search-page.js';

export interface SearchRoutesOptions {
  search: SearchService;
  site: () => SiteInfo;
}

/**
 * Any query is a new URL, so results are rendered per request and never enter the page
 * cache (which would fill with one-off queries); a CDN may keep them for a minute.
 */
const searchHeaders = () => ({ ...pageSecurityHeaders(), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60', 'x-robots-tag': 'noindex' });

/** A query value as one string: a repeated parameter counts by its first value. */
function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.replace(/\u0000/g, '').slice(0, 1000).trim() : '';
}

/** `/search?q=…&section=…&author=…&tag=…&from=…&to=…&sort=newest&page=2`: a plain GET form, no script needed. */
export async function searchRoutes(app: FastifyInstance, options: SearchRoutesOptions): Promise<void> {
  const negotiate = createCodingNegotiator();

  app.get('/search', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const rawPage = one(query.page);
    const form: SearchForm = {
      q: one(query.q),
      section: one(query.section),
      author: one(query.author),
      tag: one(query.tag),
      from: one(query.from),
      to: one(query.to),
      sort: one(query.sort) === 'newest' ? 'newest' : 'relevance',
      page: /^[0-9]{1,4}$/.test(rawPage) ? Number(rawPage) : 1,
    };
    const site = options.site();
    let status = 200;
    let body: string;
    if ((rawPage && !/^[0-9]{1,4}$/.test(rawPage)) || form.page < 1 || form.page > MAX_SEARCH_PAGE) {
      status = 400;
      body = searchPage({ site, form: { ...form, page: 1 }, results: null, problem: `The page number must be a whole number from 1 to ${MAX_SEARCH_PAGE}.` });
    } else if (!form.q) {
      body = searchPage({ site, form, results: null });
    } else {
      const outcome = await options.search.search({ ...form });
      if (outcome.ok) body = searchPage({ site, form, results: outcome });
      else {
        status = 400;
        body = searchPage({ site, form, results: null, problem: outcome.field === 'q' ? 'Type some words to search for: the search had only symbols or operators.' : `${outcome.message}.` });
      }
    }
    const coding = negotiate(request.headers['accept-encoding']);
    writeRepresentation(request, reply, status, answerRepresentations({ ...pageBytes(body, site.css), headers: searchHeaders() }, coding), coding);
    return reply;
  });
}
