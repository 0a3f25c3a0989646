import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../shared/clock.js';
import { DatelineError } from '../shared/errors.js';
import { createCodingNegotiator, type ContentCoding } from '../shared/accept-encoding.js';
import { representationsIn, type CachedPage, type PageCache } from '../shared/page-cache.js';
import { answerRepresentations, etagOf, writeRepresentation, type HeaderMap } from '../shared/representations.js';
import { READABLE, RESOURCE_SPECS, type ContentApiService, type Lookup, type ReadableResource, type Resource } from './content-api-service.js';
import { GhostError, ghostErrorBody } from './ghost-errors.js';
import type { KeyCheck } from './key-check.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';
import { answerKey, readQueryOptions, type QueryOptions } from './query-options.js';

export interface ContentApiRoutesOptions {
  service: ContentApiService;
  /** Whole answers, stamped with the content generation: a hit is one map lookup and one write. */
  cache: PageCache;
  checkKey: KeyCheck;
  clock: Clock;
  /** The OpenAPI document of this API (openapi.ts). */
  document: () => unknown;
}

/** Ghost's path, which its clients build, and a shorter one beside the admin API's `/api/admin`. */
export const CONTENT_API_PREFIXES = ['/ghost/api/content', '/api/content'] as const;
/** The Content API version Dateline speaks: Ghost 6's, which is 5's with `limit` capped at 100. */
export const CONTENT_VERSION = 'v6.0';
const JSON_TYPE = 'application/json; charset=utf-8';
// Content keys are public by design (Ghost front ends ship them to browsers), so any origin may read.
const CORS: HeaderMap = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Content-Version, ETag' };
const ERROR_HEADERS: HeaderMap = { ...CORS, 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'content-version': CONTENT_VERSION, 'x-content-type-options': 'nosniff' };
// A CDN keeps an answer for its max-age; a change to any story purges every answer by the key
// `content-api` (CONTENT_API_KEY in site/page-keys.ts), a site-wide change by `site`, as the feeds do.
const ANSWER_HEADERS: HeaderMap = { ...ERROR_HEADERS, 'cache-control': 'public, max-age=60', 'surrogate-key': 'site content-api' };
const HEADER_LIST = /^[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*$/;

/**
 * Accept-Version as Ghost reads it: `v5.0`, `v6`, …. Older versions get today's answer (as
 * Ghost serves them); a newer major than ours is refused, since we cannot know its shape.
 */
function checkVersion(header: string | string[] | undefined): void {
  if (header === undefined) return;
  const match = typeof header === 'string' ? /^v(\d{1,3})(?:\.\d{1,3})?$/.exec(header.trim()) : null;
  if (!match) throw new GhostError('BadRequestError', 'Requested version is not supported.', { context: `Accept-Version must look like v5.0; got "${String(header)}".`, property: 'Accept-Version' });
  if (Number(match[1]) > 6) {
    throw new GhostError('RequestNotAcceptableError', 'Request could not be served, the server is running an older version of the API.', { context: `Accept-Version ${header}; this server speaks up to ${CONTENT_VERSION}.`, property: 'Accept-Version' });
  }
}

/** The Content API as a Fastify plugin: its routes under both prefixes, CORS, and Ghost's error envelope. */
export async function contentApiRoutes(app: FastifyInstance, options: ContentApiRoutesOptions): Promise<void> {
  const { service, cache, checkKey, clock } = options;
  const negotiate = createCodingNegotiator();

  /** Builds, compresses and (unless it depends on the clock) stores one answer. */
  async function buildEntry(key: string, generation: number, query: Record<string, unknown>, resource: Resource, build: (options: QueryOptions) => Promise<unknown>, browse: boolean, coding: ContentCoding): Promise<CachedPage> {
    const parsed = readQueryOptions(query, RESOURCE_SPECS[resource], clock.now(), browse);
    const body = Buffer.from(JSON.stringify(await build(parsed)));
    // `now-7d` answers change with the clock, not with content: built for this request only.
    const keep = cache.keepsPages && !parsed.filter?.relative;
    // Only the coding this client takes, cheaply; the cache makes the rest if it is asked again.
    const source = { body, headers: ANSWER_HEADERS, etag: etagOf(body) };
    const entry = { status: 200, generation, representations: answerRepresentations(source, coding), source };
    return keep ? cache.set(key, entry) : entry;
  }

  /**
   * Answers from the cache, or builds, compresses once, stores and answers. Right after a publish
   * every cached answer is stale at once; the requests for one answer that arrive meanwhile wait
   * for one build instead of each making its own (`cache.build`).
   */
  async function answer(request: FastifyRequest, reply: FastifyReply, path: string, resource: Resource, build: (options: QueryOptions) => Promise<unknown>, browse: boolean) {
    checkVersion(request.headers['accept-version']);
    const query = request.query as Record<string, unknown>;
    await checkKey(query.key);
    const coding = negotiate(request.headers['accept-encoding']);
    const key = answerKey(path, query);
    const entry = cache.get(key) ?? (await cache.build(key, (generation) => buildEntry(key, generation, query, resource, build, browse, coding)));
    writeRepresentation(request, reply, 200, representationsIn(entry, coding), coding);
  }

  app.setErrorHandler((err: FastifyError, request, reply) => {
    let error: GhostError;
    if (err instanceof GhostError) error = err;
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) error = new GhostError('BadRequestError', 'The request could not be read.', { context: err.message });
    else if (err instanceof DatelineError && err.status === 503) {
      // Busy (SEARCH_BUSY: too many searches at once): worth trying again shortly.
      error = new GhostError('ServiceUnavailableError', `${err.message}.`, { code: err.code });
      reply.header('retry-after', '5');
    } else if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: { message: err.message }, path: request.url.split('?')[0] }, 'database unavailable');
      error = new GhostError('ServiceUnavailableError', 'The database is not reachable just now; try again in a few seconds.');
      reply.header('retry-after', '5');
    } else {
      // The path only: the query carries the key.
      request.log.error({ err, path: request.url.split('?')[0] }, 'content api request failed');
      error = new GhostError('InternalServerError', 'Something went wrong on our side.');
    }
    return reply.code(error.status).headers(ERROR_HEADERS).send(JSON.stringify(ghostErrorBody(error)));
  });

  for (const prefix of CONTENT_API_PREFIXES) {
    for (const resource of ['posts', 'pages', 'authors', 'tags', 'tiers'] as const) {
      const browse = (request: FastifyRequest, reply: FastifyReply) => answer(request, reply, resource, resource, (o) => service.browse(resource, o), true);
      app.get(`${prefix}/${resource}/`, browse);
      app.get(`${prefix}/${resource}`, browse);
    }
    for (const resource of Object.keys(READABLE) as ReadableResource[]) {
      const read = (by: (params: Record<string, string>) => Lookup, path: (params: Record<string, string>) => string) => (request: FastifyRequest, reply: FastifyReply) => {
        const params = request.params as Record<string, string>;
        return answer(request, reply, path(params), resource, (o) => service.read(resource, by(params), o), false);
      };
      const bySlug = read((p) => ({ slug: p.slug! }), (p) => `${resource}/slug/${p.slug}`);
      const byId = read((p) => ({ id: p.id! }), (p) => `${resource}/${p.id}`);
      app.get(`${prefix}/${resource}/slug/:slug/`, bySlug);
      app.get(`${prefix}/${resource}/slug/:slug`, bySlug);
      app.get(`${prefix}/${resource}/:id/`, byId);
      app.get(`${prefix}/${resource}/:id`, byId);
    }
    const settings = (request: FastifyRequest, reply: FastifyReply) => answer(request, reply, 'settings', 'settings', () => service.settings(), false);
    app.get(`${prefix}/settings/`, settings);
    app.get(`${prefix}/settings`, settings);
    app.get(`${prefix}/openapi.json`, (_request, reply) => reply.headers({ ...CORS, 'cache-control': 'public, max-age=3600' }).send(options.document()));

    app.get(`${prefix}/*`, async () => {
      throw new GhostError('NotFoundError', 'Resource not found', { context: 'The Content API has posts, pages, authors, tags, tiers and settings.' });
    });
    // The preflight a browser sends before a request with Accept-Version (not a CORS-safelisted header).
    app.options(`${prefix}/*`, (request, reply) => {
      const asked = request.headers['access-control-request-headers'];
      const allowHeaders = typeof asked === 'string' && HEADER_LIST.test(asked) ? asked : 'Accept-Version, Content-Type';
      return reply
        .code(204)
        .headers({ ...CORS, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': allowHeaders, 'access-control-max-age': '86400', 'cache-control': 'public, max-age=86400' })
        .send();
    });
  }
}
