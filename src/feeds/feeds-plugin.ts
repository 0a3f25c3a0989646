import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createCodingNegotiator } from '../shared/accept-encoding.js';
import { etagMatches } from '../shared/etag-match.js';
import { assignedRequestId, withRequestId } from '../shared/request-id.js';
import { COMPRESSED_CODINGS, prepareRepresentations, writeRepresentation, type Representation } from '../shared/representations.js';
import type { Clock } from '../shared/clock.js';
import { slugFromPathSegment } from '../shared/slug.js';
import type { CachedDocument, DocumentCache } from './document-cache.js';
import { rfc822Date } from './feed-dates.js';
import type { FeedBuilder, FeedSettings } from './feed-builder.js';
import { FEED_FILES, FEED_TYPES, NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH, type FeedFormat, type FeedOwner } from './feed-paths.js';
import type { DocumentMeta, DocumentStream, SitemapBuilder } from './sitemap-builder.js';

export interface FeedsPluginOptions {
  feeds: FeedBuilder;
  sitemaps: SitemapBuilder;
  cache: DocumentCache;
  settings: () => Promise<FeedSettings>;
  clock: Clock;
}

/** Readers and crawlers poll: a minute fresh, then revalidated (a 304 costs them nothing). */
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400';
const SITEMAP_TYPE = 'application/xml; charset=utf-8';
/** No sitemap index lists a page this deep (50,000 URLs a page); a larger number is refused unread. */
const MAX_PAGE = 10_000;

/** A document to serve; `meta` is complete only once every chunk has been read. */
type Built = { chunks: AsyncIterable<string> | string; meta: DocumentMeta; type: string; keys: string };
type Refusal = { status: 400 | 404; message: string };

/** `?page=N`: absent is 1; malformed is a 400; beyond any sitemap a 404. */
function pageNumber(query: unknown): number | Refusal {
  const raw = (query as { page?: unknown } | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[0-9]{1,12}$/.test(raw) || Number(raw) < 1) return { status: 400, message: 'The page number must be a whole number from 1.' };
  return Number(raw) > MAX_PAGE ? { status: 404, message: `There is no page ${raw}.` } : Number(raw);
}

/** If-None-Match decides when present (weak comparison, lists, `*`); If-Modified-Since only without it (RFC 9110 §13.2.2). */
function notModified(request: FastifyRequest, chosen: Representation, lastModified: string | null): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) return etagMatches(match, chosen.etag);
  const since = request.headers['if-modified-since'];
  if (since === undefined || lastModified === null) return false;
  const sinceMs = Date.parse(since);
  // HTTP dates have whole seconds; our timestamps have milliseconds.
  return !Number.isNaN(sinceMs) && Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(sinceMs / 1000);
}

async function collect(chunks: AsyncIterable<string> | string): Promise<Buffer> {
  if (typeof chunks === 'string') return Buffer.from(chunks);
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Feeds and sitemaps as one Fastify plugin; every answer comes from the document cache. */
export async function feedsPlugin(app: FastifyInstance, options: FeedsPluginOptions): Promise<void> {
  const { feeds, sitemaps, cache, settings, clock } = options;
  const negotiate = createCodingNegotiator();

  function refuse(reply: FastifyReply, refusal: Refusal) {
    return reply.code(refusal.status).header('cache-control', 'public, max-age=30').type('text/plain; charset=utf-8').send(`${refusal.message}\n`);
  }

  async function serve(request: FastifyRequest, reply: FastifyReply, key: string, build: () => Promise<Built | null>, missing: string) {
    const doc = await cache.get(key, async (generation): Promise<CachedDocument | null> => {
      const built = await build();
      if (!built) return null;
      const body = await collect(built.chunks);
      const lastModified = rfc822Date(built.meta.lastModified);
      const headers = {
        'content-type': built.type,
        'cache-control': CACHE_CONTROL,
        'x-content-type-options': 'nosniff',
        'surrogate-key': `site ${built.keys}`,
        ...(lastModified ? { 'last-modified': lastModified } : {}),
      };
      const representations = await prepareRepresentations({ body, headers }, COMPRESSED_CODINGS, 'page');
      return { generation, representations, lastModified, expiresAt: built.meta.expiresAt };
    });
    if (!doc) return refuse(reply, { status: 404, message: missing });
    const coding = negotiate(request.headers['accept-encoding']);
    const chosen = doc.representations[coding] ?? doc.representations.identity;
    if (notModified(request, chosen, doc.lastModified)) {
      reply.hijack();
      reply.raw.writeHead(304, withRequestId(chosen.notModifiedHead, assignedRequestId(request.raw)));
      reply.raw.end();
      return;
    }
    writeRepresentation(request, reply, 200, doc.representations, coding);
  }

  const fromStream = (keys: string) => (stream: DocumentStream | null): Built | null =>
    stream && { chunks: stream.chunks, meta: stream.meta, type: SITEMAP_TYPE, keys };

  // Sitemaps.
  app.get(SITEMAP_INDEX_PATH, (request, reply) => serve(request, reply, 'sitemap:index', async () => fromStream('sitemaps')(await sitemaps.index(clock.now())), 'No sitemap.'));
  app.get(NEWS_SITEMAP_PATH, (request, reply) =>
    serve(request, reply, 'sitemap:news', async () => {
      const { siteName, locale } = await settings();
      return fromStream('sitemaps')(await sitemaps.news(clock.now(), siteName, locale.split('-')[0] ?? 'en'));
    }, 'No news sitemap.'),
  );
  for (const kind of ['sections', 'authors', 'topics'] as const) {
    app.get(`/sitemaps/${kind}.xml`, (request, reply) => {
      const page = pageNumber(request.query);
      if (typeof page !== 'number') return refuse(reply, page);
      const build = async () => fromStream('sitemaps')(kind === 'sections' ? await sitemaps.sections(page) : await sitemaps.listing(kind, page));
      return serve(request, reply, `sitemap:${kind}:${page}`, build, `There is no page ${page} of the ${kind} sitemap.`);
    });
  }
  app.get<{ Params: { month: string } }>('/sitemaps/articles-:month.xml', (request, reply) => {
    const page = pageNumber(request.query);
    if (typeof page !== 'number') return refuse(reply, page);
    const month = request.params.month;
    if (!/^\d{4}-\d{2}$/.test(month)) return refuse(reply, { status: 404, message: 'A month sitemap is named articles-YYYY-MM.xml.' });
    return serve(request, reply, `sitemap:month:${month}:${page}`, async () => fromStream('sitemaps')(await sitemaps.month(month, page)), `No stories were published in ${month}${page > 1 ? ` past page ${page - 1}` : ''}.`);
  });

  // Feeds: the site's, and each section's, author's and topic's.
  function feed(owner: FeedOwner, format: FeedFormat) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const key = `feed:${format}:${owner.kind}:${'slug' in owner ? owner.slug : ''}`;
      const build = async (): Promise<Built | null> => {
        const built = await feeds.build(owner, format, await settings());
        const scope = 'slug' in owner ? `${owner.kind}-${owner.slug}` : 'home';
        return built && { chunks: built.body, meta: { lastModified: built.lastModified, expiresAt: null }, type: `${FEED_TYPES[format]}; charset=utf-8`, keys: `feeds ${scope}` };
      };
      return serve(request, reply, key, build, 'slug' in owner ? `There is no ${owner.kind} "${owner.slug}" with published stories.` : 'No feed.');
    };
  }
  for (const format of ['rss', 'atom', 'json'] as const) {
    const file = FEED_FILES[format];
    app.get(`/${file}`, feed({ kind: 'site' }, format));
    app.get<{ Params: { section: string } }>(`/:section/${file}`, (request, reply) => {
      const slug = slugFromPathSegment(request.params.section);
      return slug ? feed({ kind: 'section', slug }, format)(request, reply) : refuse(reply, { status: 404, message: 'There is no such section.' });
    });
    for (const kind of ['author', 'topic'] as const) {
      app.get<{ Params: { slug: string } }>(`/${kind}/:slug/${file}`, (request, reply) => {
        const slug = slugFromPathSegment(request.params.slug);
        return slug ? feed({ kind, slug }, format)(request, reply) : refuse(reply, { status: 404, message: `There is no such ${kind}.` });
      });
    }
  }
}
